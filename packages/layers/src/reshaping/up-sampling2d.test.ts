import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { UpSampling2D } from './up-sampling2d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('UpSampling2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new UpSampling2D([2, 3]), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 8, 15, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new UpSampling2D([2, 3], { dataFormat: 'channels_first' }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 8, 15], expectedWeightNames: [] });
    runLayerTest({ make: () => new UpSampling2D([2, 3], { interpolation: 'bilinear' }), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 8, 15, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new UpSampling2D([2, 3]);
      const x = seededTensor([1, 2, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
    {
      const layer = new UpSampling2D(2, { interpolation: 'bilinear' });
      const x = seededTensor([1, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new UpSampling2D(0)).toThrow(/size.*positive integers/);
    expect(() => new UpSampling2D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2, 2])))).toThrow(/expected ndim=4/);
    expect(() => new UpSampling2D(2, { interpolation: 'cubic' as never })).toThrow(/interpolation.*should be one of/);
    expect(() => new UpSampling2D(2, { interpolation: 'bicubic' as never })).toThrow(/not supported yet/);
  });
});
