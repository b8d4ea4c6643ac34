import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { DepthwiseConv2D } from './depthwise-conv2d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('DepthwiseConv2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new DepthwiseConv2D(3, { depthMultiplier: 2, padding: 'same', strides: 2 }), inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 3, 3, 6], expectedWeightNames: ["depthwise_kernel", "bias"] });
    runLayerTest({ make: () => new DepthwiseConv2D([2, 3], { dataFormat: 'channels_first', useBias: false }), inputShape: [1, 3, 6, 5], expectedOutputShape: [1, 3, 5, 3], expectedWeightNames: ["depthwise_kernel"] });
    runLayerTest({ make: () => new DepthwiseConv2D(3, { dilationRate: 2 }), inputShape: [1, 7, 7, 2], expectedOutputShape: [1, 3, 3, 2] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new DepthwiseConv2D(2, { depthMultiplier: 2, dilationRate: 2 });
      const x = seededTensor([2, 4, 4, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new DepthwiseConv2D(3, { depthMultiplier: -1 })).toThrow(/depth_multiplier/);
    expect(() => new DepthwiseConv2D(4).apply(tf.tidy(() => tf.zeros([1, 3, 3, 1])))).toThrow(/negative or zero/);
    expect(() => new DepthwiseConv2D(2).apply(tf.tidy(() => tf.zeros([1, 3, 3])))).toThrow(/expected ndim=4/);
  });
});
