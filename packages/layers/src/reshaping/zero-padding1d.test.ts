import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ZeroPadding1D } from './zero-padding1d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('ZeroPadding1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new ZeroPadding1D([2, 1]), inputShape: [2, 4, 3], expectedOutputShape: [2, 7, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new ZeroPadding1D([2, 1]);
      const x = seededTensor([1, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new ZeroPadding1D(1.5)).toThrow(/padding.*non-negative int/);
    expect(() => new ZeroPadding1D([1, 1, 1])).toThrow(/padding/);
    expect(() => new ZeroPadding1D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2])))).toThrow(/expected ndim=3/);
  });
});
