import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { AveragePooling2D } from './average-pooling2d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('AveragePooling2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new AveragePooling2D(), inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 2, 3, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new AveragePooling2D(2, { padding: 'same', dataFormat: 'channels_first' }), inputShape: [2, 3, 5, 6], expectedOutputShape: [2, 3, 3, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new AveragePooling2D(3, { strides: 1, padding: 'same' }), inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 5, 6, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new AveragePooling2D(2, { strides: 1, padding: 'same' });
      const x = seededTensor([1, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new AveragePooling2D(0)).toThrow(/pool_size.*positive/);
    expect(() => new AveragePooling2D(2, { padding: 'causal' as never })).toThrow(/padding/);
    expect(() => new AveragePooling2D(2, { dataFormat: 'NCHW' as never })).toThrow(/data_format/);
    expect(() => new AveragePooling2D(4).apply(tf.tidy(() => tf.zeros([1, 3, 3, 1])))).toThrow(/negative or zero.*pool_size/);
    expect(() => new AveragePooling2D().apply(tf.tidy(() => tf.zeros([1, 4, 4, 4, 4])))).toThrow(/expected ndim=4/);
  });
});
