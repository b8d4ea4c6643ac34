import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { UpSampling3D } from './up-sampling3d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('UpSampling3D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new UpSampling3D([1, 2, 3]), inputShape: [2, 4, 5, 6, 3], expectedOutputShape: [2, 4, 10, 18, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new UpSampling3D([1, 2, 3], { dataFormat: 'channels_first' }), inputShape: [2, 3, 4, 5, 6], expectedOutputShape: [2, 3, 4, 10, 18], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new UpSampling3D([1, 2, 3]);
      const x = seededTensor([1, 2, 2, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new UpSampling3D(0)).toThrow(/size.*positive integers/);
    expect(() => new UpSampling3D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2, 2, 2])))).toThrow(/expected ndim=5/);
  });
});
