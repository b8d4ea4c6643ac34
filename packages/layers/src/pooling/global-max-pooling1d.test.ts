import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GlobalMaxPooling1D } from './global-max-pooling1d.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('GlobalMaxPooling1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new GlobalMaxPooling1D(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new GlobalMaxPooling1D({ keepdims: true, dataFormat: 'channels_first' }), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 1], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new GlobalMaxPooling1D();
      const x = seededTensor([2, 2, 2], 5);
      const g = checkGradients(layer, x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      expect(g.zeroGradWeights).toEqual([]);
      expect(g.checked).toBeGreaterThan(0);
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new GlobalMaxPooling1D({ dataFormat: 'NHWC' as never })).toThrow(/data_format/);
    expect(() => new GlobalMaxPooling1D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2])))).toThrow(/expected ndim=3/);
  });
});
