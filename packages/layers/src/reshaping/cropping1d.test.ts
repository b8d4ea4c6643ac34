import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Cropping1D } from './cropping1d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Cropping1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Cropping1D([1, 2]), inputShape: [2, 4, 3], expectedOutputShape: [2, 1, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Cropping1D([1, 2]);
      const x = seededTensor([2, 4, 3], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Cropping1D(-1)).toThrow(/cropping.*non-negative/);
    expect(() => new Cropping1D([1, 2]).apply(tf.tidy(() => tf.zeros([1, 2, 1])))).toThrow(/cropping.*must be smaller than the input size/);
    expect(() => new Cropping1D().apply(tf.tidy(() => tf.zeros([1, 5, 5, 5])))).toThrow(/expected ndim=3/);
  });
});
