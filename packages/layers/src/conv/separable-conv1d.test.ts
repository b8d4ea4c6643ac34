import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { SeparableConv1D } from './separable-conv1d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('SeparableConv1D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new SeparableConv1D(4, 3, { depthMultiplier: 2, padding: 'causal' }), inputShape: [2, 6, 3], expectedOutputShape: [2, 6, 4], expectedWeightNames: ["depthwise_kernel", "pointwise_kernel", "bias"] });
    runLayerTest({ make: () => new SeparableConv1D(2, 3, { strides: 2, padding: 'same', dataFormat: 'channels_first', useBias: false }), inputShape: [1, 3, 9], expectedOutputShape: [1, 2, 5], expectedWeightNames: ["depthwise_kernel", "pointwise_kernel"] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new SeparableConv1D(3, 3, { depthMultiplier: 2, dilationRate: 2 });
      const x = seededTensor([2, 7, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new SeparableConv1D(2, 3, { depthMultiplier: 0 })).toThrow(/depth_multiplier.*strictly positive/);
    expect(() => new SeparableConv1D(2, 5).apply(tf.tidy(() => tf.zeros([1, 3, 2])))).toThrow(/negative or zero/);
  });
});
