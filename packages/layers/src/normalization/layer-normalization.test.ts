import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { LayerNormalization } from './layer-normalization.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('LayerNormalization', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new LayerNormalization(), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 5], expectedWeightNames: ['gamma', 'beta'] });
    expect(r.config).toMatchObject({ axis: [2], epsilon: 0.001, center: true, scale: true });
    runLayerTest({ make: () => new LayerNormalization({ axis: [1, 2], center: false }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightNames: ['gamma'] });
    runLayerTest({ make: () => new LayerNormalization({ rmsScaling: true }), inputShape: [2, 4], expectedOutputShape: [2, 4], expectedWeightNames: ['gamma'] });
  });

  it('normalizes each sample to zero mean and unit variance', () => {
    const layer = new LayerNormalization({ epsilon: 1e-6 });
    const x = seededTensor([3, 8], 4, -3, 7);
    const y = layer.apply(x) as tf.Tensor;
    const { mean, variance } = tf.moments(y, -1);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 4);
    tf.dispose([x, y, mean, variance]);
    layer.dispose();
  });

  it('gradients match central differences on wasm and reach every weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    for (const make of [() => new LayerNormalization(), () => new LayerNormalization({ axis: [1, 2] })]) {
      const layer = make();
      const x = seededTensor([2, 3, 4], 5);
      const g = checkGradients(layer, x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      expect(g.zeroGradWeights).toEqual([]);
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new LayerNormalization({ axis: -4 }).apply(tf.zeros([2, 3, 4]))).toThrow(/invalid axis -4 for inputs of rank 3/);
    expect(() => new LayerNormalization({ axis: [2, -1] }).apply(tf.zeros([2, 3, 4]))).toThrow(/duplicate axis/);
  });
});
