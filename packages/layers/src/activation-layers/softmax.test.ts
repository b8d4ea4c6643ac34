import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Softmax } from './softmax.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('Softmax', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new Softmax({ axis: [1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ axis: [1, 2] });
    runLayerTest({ make: () => new Softmax({ axis: 1 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4] });
  });

  it('gives masked positions ~0 probability', () => {
    const x = tf.tensor2d([[1, 2, 3], [1, 1, 1]]);
    const mask = tf.tensor2d([[1, 1, 0], [1, 0, 1]], undefined, 'bool');
    const y = new Softmax().apply(x, { mask }) as tf.Tensor;
    const v = y.dataSync();
    expect(v[2]).toBeLessThan(1e-6);
    expect(v[0] + v[1]).toBeCloseTo(1, 6);
    expect(v[3]).toBeCloseTo(0.5, 6);
    expect(v[4]).toBeLessThan(1e-6);
    tf.dispose([x, mask, y]);
  });

  it('input gradients match central differences on wasm', () => {
    for (const axis of [-1, [1, 2]]) {
      const x = seededTensor([2, 3, 2], 5);
      const g = checkGradients(new Softmax({ axis }), x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      tf.dispose(x);
    }
  });
});
