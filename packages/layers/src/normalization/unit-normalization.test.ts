import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { UnitNormalization } from './unit-normalization.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('UnitNormalization', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; outputs have unit L2 norm', () => {
    const r = runLayerTest({ make: () => new UnitNormalization({ axis: [1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ axis: [1, 2] });
    const layer = new UnitNormalization();
    const x = seededTensor([3, 5], 3);
    const y = layer.apply(x) as tf.Tensor;
    const n = tf.sum(tf.square(y), -1);
    for (const v of n.dataSync()) expect(v).toBeCloseTo(1, 5);
    tf.dispose([x, y, n]);
  });

  it('input gradients match central differences on wasm', () => {
    const layer = new UnitNormalization();
    const x = seededTensor([2, 4], 5);
    const g = checkGradients(layer, x, { wrtInput: true });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('rejects an axis out of range', () => {
    expect(() => new UnitNormalization({ axis: 2 }).apply(tf.zeros([2, 4]))).toThrow(/invalid axis 2 for inputs of rank 2/);
  });
});
