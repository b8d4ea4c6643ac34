import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { UpSampling1D } from './up-sampling1d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('UpSampling1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new UpSampling1D(3), inputShape: [2, 4, 3], expectedOutputShape: [2, 12, 3], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new UpSampling1D(3);
      const x = seededTensor([1, 2, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new UpSampling1D(0)).toThrow(/size.*positive integers/);
    expect(() => new UpSampling1D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2])))).toThrow(/expected ndim=3/);
  });
});
