import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv3D } from './conv3d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Conv3D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Conv3D(2, 3, { padding: 'same', strides: [2, 1, 2] }), inputShape: [1, 4, 3, 5, 2], expectedOutputShape: [1, 2, 3, 3, 2], expectedWeightNames: ["kernel", "bias"] });
    runLayerTest({ make: () => new Conv3D(2, 2, { dataFormat: 'channels_first', dilationRate: [2, 1, 1] }), inputShape: [2, 2, 4, 3, 3], expectedOutputShape: [2, 2, 2, 2, 2] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Conv3D(2, 2, { padding: 'same', dilationRate: [1, 2, 1] });
      const x = seededTensor([1, 3, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv3D(2, [3, 3])).toThrow(/kernel_size.*tuple of 3/);
    expect(() => new Conv3D(2, 3).apply(tf.tidy(() => tf.zeros([1, 2, 4, 4, 1])))).toThrow(/negative or zero/);
    expect(() => new Conv3D(2, 2).apply(tf.tidy(() => tf.zeros([1, 4, 4, 1])))).toThrow(/expected ndim=5, found ndim=4/);
  });
});
