import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GlobalAveragePooling1D } from './global-average-pooling1d.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('GlobalAveragePooling1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new GlobalAveragePooling1D(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3], expectedWeightNames: [] });
    runLayerTest({ make: () => new GlobalAveragePooling1D({ keepdims: true, dataFormat: 'channels_first' }), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 1], expectedWeightNames: [] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new GlobalAveragePooling1D();
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
    expect(() => new GlobalAveragePooling1D({ dataFormat: 'NHWC' as never })).toThrow(/data_format/);
    expect(() => new GlobalAveragePooling1D().apply(tf.tidy(() => tf.zeros([1, 2, 2, 2])))).toThrow(/expected ndim=3/);
  });

  it('averages only the unmasked steps when given a mask (and consumes the mask)', () => {
    const layer = new GlobalAveragePooling1D();
    const x = tf.tensor3d([[[1, 2], [3, 4], [100, 100]], [[5, 6], [7, 8], [9, 10]]]);
    const mask = tf.tensor2d([[1, 1, 0], [1, 1, 1]], undefined, 'bool');
    const y = layer.apply(x, { mask }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([2, 3, 7, 8]);
    expect(layer.computeMask()).toBeNull();
    tf.dispose([x, mask, y]);
  });
});
