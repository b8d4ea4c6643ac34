import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ELU } from './elu.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('ELU', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new ELU({ alpha: 0.7 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ alpha: 0.7 });
    const x = tf.tensor1d([-1, 2]);
    const y = new ELU({ alpha: 0.5 }).apply(x) as tf.Tensor;
    expect(y.dataSync()[0]).toBeCloseTo(0.5 * (Math.exp(-1) - 1), 6);
    expect(y.dataSync()[1]).toBe(2);
    tf.dispose([x, y]);
  });

  it('input gradients match central differences on wasm', () => {
    const x = seededTensor([2, 4], 5);
    const g = checkGradients(new ELU({ alpha: 0.7 }), x, { wrtInput: true, eps: 1e-3 });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('rejects a missing alpha', () => {
    expect(() => new ELU({ alpha: Number.NaN })).toThrow(/alpha of an ELU layer cannot be None/);
  });
});
