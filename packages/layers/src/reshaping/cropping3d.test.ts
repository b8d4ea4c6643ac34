import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Cropping3D } from './cropping3d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Cropping3D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Cropping3D([[1, 0], [2, 1], [0, 3]]), inputShape: [2, 4, 5, 6, 3], expectedOutputShape: [2, 3, 2, 3, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new Cropping3D([[1, 0], [2, 1], [0, 3]], { dataFormat: 'channels_first' }), inputShape: [2, 3, 4, 5, 6], expectedOutputShape: [2, 3, 3, 2, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Cropping3D([[1, 0], [2, 1], [0, 3]]);
      const x = seededTensor([2, 4, 5, 6, 3], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Cropping3D(-1)).toThrow(/cropping.*non-negative/);
    expect(() => new Cropping3D([[1, 0], [2, 1], [0, 3]]).apply(tf.tidy(() => tf.zeros([1, 2, 2, 2, 1])))).toThrow(/cropping.*must be smaller than the input size/);
    expect(() => new Cropping3D().apply(tf.tidy(() => tf.zeros([1, 5, 5, 5, 5, 5])))).toThrow(/expected ndim=5/);
  });
});
