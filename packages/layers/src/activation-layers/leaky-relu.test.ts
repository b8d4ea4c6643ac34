import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { LeakyReLU } from './leaky-relu.js';
import { deserialize } from '../index.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('LeakyReLU', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; tf.keras 2 default alpha 0.3', () => {
    const r = runLayerTest({ make: () => new LeakyReLU(), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ alpha: 0.3 });
    const x = tf.tensor1d([-10, 2]);
    const y = new LeakyReLU().apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([-3, 2]);
    tf.dispose([x, y]);
  });

  it("loads Keras 3's negative_slope config", () => {
    const layer = deserialize({ class_name: 'LeakyReLU', config: { name: 'lr', negative_slope: 0.1, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } } } }) as LeakyReLU;
    expect(layer.alpha).toBe(0.1);
  });

  it('input gradients match central differences on wasm', () => {
    const x = seededTensor([2, 4], 5);
    const g = checkGradients(new LeakyReLU({ alpha: 0.2 }), x, { wrtInput: true, eps: 1e-3 });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('rejects a negative alpha', () => {
    expect(() => new LeakyReLU({ alpha: -1 })).toThrow(/alpha value of a Leaky ReLU layer cannot be None or negative/);
  });
});
