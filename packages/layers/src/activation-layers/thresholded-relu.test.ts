import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ThresholdedReLU } from './thresholded-relu.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('ThresholdedReLU', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; keeps only x > theta', () => {
    const r = runLayerTest({ make: () => new ThresholdedReLU({ theta: 0.5 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ theta: 0.5 });
    const x = tf.tensor1d([0.5, 0.6, -3]);
    const y = new ThresholdedReLU({ theta: 0.5 }).apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync()).map((v) => v + 0)).toEqual([0, Math.fround(0.6), 0]);
    tf.dispose([x, y]);
  });

  it('input gradients match central differences on wasm', () => {
    const x = seededTensor([2, 4], 5, -2, 2);
    const g = checkGradients(new ThresholdedReLU({ theta: 0.3 }), x, { wrtInput: true, eps: 1e-3 });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('rejects a negative theta', () => {
    expect(() => new ThresholdedReLU({ theta: -1 })).toThrow(/theta value of a Thresholded ReLU layer should be >=0. Received: -1/);
  });
});
