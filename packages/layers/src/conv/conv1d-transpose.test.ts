import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv1DTranspose } from './conv1d-transpose.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Conv1DTranspose', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Conv1DTranspose(3, 3, { strides: 2, outputPadding: 1 }), inputShape: [2, 5, 2], expectedOutputShape: [2, 12, 3], expectedWeightNames: ["kernel", "bias"] });
    runLayerTest({ make: () => new Conv1DTranspose(2, 4, { strides: 3, padding: 'same', dataFormat: 'channels_first', useBias: false }), inputShape: [1, 3, 4], expectedOutputShape: [1, 2, 12], expectedWeightNames: ["kernel"] });
    runLayerTest({ make: () => new Conv1DTranspose(2, 3, { dilationRate: 2 }), inputShape: [1, 5, 1], expectedOutputShape: [1, 9, 2] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Conv1DTranspose(2, 3, { strides: 2, padding: 'same' });
      const x = seededTensor([2, 4, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv1DTranspose(2, 3, { strides: 2, outputPadding: 3 })).toThrow(/must be greater than output padding/);
    expect(() => new Conv1DTranspose(2, 3, { padding: 'causal' as never })).toThrow(/padding/);
    expect(() => new Conv1DTranspose(2, 2).apply(tf.tidy(() => tf.zeros([1, 3, 3, 2])))).toThrow(/expected ndim=3, found ndim=4/);
  });
});
