import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ReLU } from './relu.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('ReLU', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new ReLU({ maxValue: 1.4, negativeSlope: 0.2, threshold: 0.2 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ max_value: 1.4, negative_slope: 0.2, threshold: 0.2 });
  });

  it("follows tf.keras 2's relu (threshold strict, slope below the threshold, cap)", () => {
    const x = tf.tensor1d([-2, 0, 0.2, 0.5, 1, 3, 8]);
    const y = new ReLU({ maxValue: 6, negativeSlope: 0.5, threshold: 1 }).apply(x) as tf.Tensor;
    const expected = [-1.5, -0.5, -0.4, -0.25, 0, 3, 6];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([x, y]);
  });

  it('input gradients match central differences on wasm', () => {
    const x = seededTensor([2, 6], 5, -3, 3);
    const g = checkGradients(new ReLU({ maxValue: 2, negativeSlope: 0.1 }), x, { wrtInput: true, eps: 1e-3 });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('rejects negative options with Keras-style messages', () => {
    expect(() => new ReLU({ maxValue: -1 })).toThrow(/max_value of a ReLU layer cannot be a negative value. Received: -1/);
    expect(() => new ReLU({ negativeSlope: -0.1 })).toThrow(/negative_slope of a ReLU layer cannot be a negative value/);
    expect(() => new ReLU({ threshold: -1 })).toThrow(/threshold of a ReLU layer cannot be a negative value/);
  });
});
