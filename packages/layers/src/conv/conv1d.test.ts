import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv1D } from './conv1d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Conv1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Conv1D(4, 3, { padding: 'causal', dilationRate: 2 }), inputShape: [2, 7, 3], expectedOutputShape: [2, 7, 4], expectedWeightNames: ["kernel", "bias"] });
    runLayerTest({ make: () => new Conv1D(2, 3, { strides: 2, padding: 'same', dataFormat: 'channels_first', useBias: false }), inputShape: [2, 3, 9], expectedOutputShape: [2, 2, 5], expectedWeightNames: ["kernel"] });
    runLayerTest({ make: () => new Conv1D(4, 2, { groups: 2 }), inputShape: [1, 5, 4], expectedOutputShape: [1, 4, 4] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Conv1D(3, 3, { padding: 'causal', dilationRate: 2 });
      const x = seededTensor([2, 6, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
    {
      const layer = new Conv1D(4, 2, { groups: 2, strides: 2 });
      const x = seededTensor([2, 7, 4], 5);
      expectGradientsMatch(layer, x, {});
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv1D(-1, 3)).toThrow(/filters.*strictly positive/);
    expect(() => new Conv1D(2, 3, { padding: 'full' as never })).toThrow(/padding.*\["valid","same","causal"\]/);
    expect(() => new Conv1D(2, 6).apply(tf.tidy(() => tf.zeros([1, 4, 2])))).toThrow(/negative or zero.*kernel.*larger than the input/);
    expect(() => new Conv1D(2, 2).apply(tf.tidy(() => tf.zeros([1, 4, 2, 2])))).toThrow(/expected ndim=3, found ndim=4/);
  });
});
