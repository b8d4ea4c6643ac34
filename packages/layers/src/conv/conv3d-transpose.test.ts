import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv3DTranspose } from './conv3d-transpose.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Conv3DTranspose', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Conv3DTranspose(2, 3, { strides: 2, padding: 'same' }), inputShape: [2, 2, 3, 2, 2], expectedOutputShape: [2, 4, 6, 4, 2], expectedWeightNames: ["kernel", "bias"] });
    runLayerTest({ make: () => new Conv3DTranspose(2, 2, { strides: [1, 2, 1], dataFormat: 'channels_first', outputPadding: [0, 1, 0] }), inputShape: [1, 2, 2, 3, 2], expectedOutputShape: [1, 2, 3, 7, 3] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Conv3DTranspose(2, 2, { strides: 2 });
      const x = seededTensor([1, 2, 2, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv3DTranspose(2, 2, { strides: 1, outputPadding: 1 })).toThrow(/must be greater than output padding/);
    expect(() => new Conv3DTranspose(2, 2).apply(tf.tidy(() => tf.zeros([1, 3, 3, 2])))).toThrow(/expected ndim=5, found ndim=4/);
  });
});
