import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ZeroPadding2D } from './zero-padding2d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('ZeroPadding2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new ZeroPadding2D([[1, 0], [2, 1]]), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 5, 8, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new ZeroPadding2D([[1, 0], [2, 1]], { dataFormat: 'channels_first' }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 5, 8], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new ZeroPadding2D([[1, 0], [2, 1]]);
      const x = seededTensor([1, 2, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new ZeroPadding2D(1.5)).toThrow(/padding.*non-negative int/);
    expect(() => new ZeroPadding2D([1, 1, 1, 1])).toThrow(/padding/);
    expect(() => new ZeroPadding2D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2, 2])))).toThrow(/expected ndim=4/);
  });
});
