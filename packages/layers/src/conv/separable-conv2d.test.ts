import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { SeparableConv2D } from './separable-conv2d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('SeparableConv2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new SeparableConv2D(4, 3, { depthMultiplier: 2, padding: 'same', strides: 2 }), inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 3, 3, 4], expectedWeightNames: ["depthwise_kernel", "pointwise_kernel", "bias"] });
    runLayerTest({ make: () => new SeparableConv2D(2, 3, { dataFormat: 'channels_first', dilationRate: 2 }), inputShape: [1, 2, 7, 7], expectedOutputShape: [1, 2, 3, 3] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new SeparableConv2D(3, 2, { depthMultiplier: 2, padding: 'same' });
      const x = seededTensor([2, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new SeparableConv2D(2, 3, { padding: 'causal' as never })).toThrow(/padding/);
    expect(() => new SeparableConv2D(2, 3).apply(tf.tidy(() => tf.zeros([1, 2, 2, 2])))).toThrow(/negative or zero/);
  });
});
