import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { MaxPooling3D } from './max-pooling3d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('MaxPooling3D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new MaxPooling3D(), inputShape: [2, 5, 6, 4, 3], expectedOutputShape: [2, 2, 3, 2, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new MaxPooling3D(2, { padding: 'same', dataFormat: 'channels_first' }), inputShape: [2, 3, 5, 6, 4], expectedOutputShape: [2, 3, 3, 3, 2], expectedWeightNames: [] });
    runLayerTest({ make: () => new MaxPooling3D(3, { strides: 1, padding: 'same' }), inputShape: [2, 5, 6, 4, 3], expectedOutputShape: [2, 5, 6, 4, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new MaxPooling3D(2, { strides: 1, padding: 'same' });
      const x = seededTensor([1, 3, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true, eps: 1e-3 });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new MaxPooling3D(0)).toThrow(/pool_size.*positive/);
    expect(() => new MaxPooling3D(2, { padding: 'causal' as never })).toThrow(/padding/);
    expect(() => new MaxPooling3D(2, { dataFormat: 'NCHW' as never })).toThrow(/data_format/);
    expect(() => new MaxPooling3D(4).apply(tf.tidy(() => tf.zeros([1, 3, 3, 3, 1])))).toThrow(/negative or zero.*pool_size/);
    expect(() => new MaxPooling3D().apply(tf.tidy(() => tf.zeros([1, 4, 4, 4, 4, 4])))).toThrow(/expected ndim=5/);
  });
});
