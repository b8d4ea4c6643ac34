import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('GlobalAveragePooling2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new GlobalAveragePooling2D(), inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new GlobalAveragePooling2D({ keepdims: true, dataFormat: 'channels_first' }), inputShape: [2, 3, 5, 6], expectedOutputShape: [2, 3, 1, 1], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new GlobalAveragePooling2D();
      const x = seededTensor([2, 2, 2, 2], 5);
      const g = checkGradients(layer, x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      expect(g.zeroGradWeights).toEqual([]);
      expect(g.checked).toBeGreaterThan(0);
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new GlobalAveragePooling2D({ dataFormat: 'NHWC' as never })).toThrow(/data_format/);
    expect(() => new GlobalAveragePooling2D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2, 2])))).toThrow(/expected ndim=4/);
  });
});
