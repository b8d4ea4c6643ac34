import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv2DTranspose } from './conv2d-transpose.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';

describe('Conv2DTranspose', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Conv2DTranspose(3, 3, { strides: 2, outputPadding: 1 }), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 8, 10, 3], expectedWeightNames: ["kernel", "bias"] });
    runLayerTest({ make: () => new Conv2DTranspose(2, [2, 3], { strides: 2, padding: 'same', dataFormat: 'channels_first' }), inputShape: [1, 3, 2, 3], expectedOutputShape: [1, 2, 4, 6] });
    runLayerTest({ make: () => new Conv2DTranspose(2, 3, { dilationRate: 2 }), inputShape: [1, 3, 3, 1], expectedOutputShape: [1, 7, 7, 2] });
  });

  it('gradients match central differences on wasm' + ' and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    {
      const layer = new Conv2DTranspose(2, 3, { strides: 2, padding: 'same' });
      const x = seededTensor([2, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, { wrtInput: true });
      tf.dispose(x);
      layer.dispose();
    }
    {
      const layer = new Conv2DTranspose(2, 2, { dilationRate: 2, outputPadding: null });
      const x = seededTensor([1, 3, 3, 2], 5);
      expectGradientsMatch(layer, x, {});
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv2DTranspose(2, 3, { strides: 2, outputPadding: 2 })).toThrow(/strides \[2,2\] must be greater than output padding \[2,2\]/);
    expect(() => new Conv2DTranspose(4, 3, { groups: 2 })).toThrow(/do not support groups/);
    expect(() => new Conv2DTranspose(2, 2).apply(tf.tidy(() => tf.zeros([1, 3, 3])))).toThrow(/expected ndim=4, found ndim=3/);
  });

  it('matches its forward-convolution formulation (used by Conv3DTranspose) on every padding', async () => {
    const { convTransposeViaConv } = await import('./conv-utils.js');
    for (const [padding, strides, op] of [['valid', 2, 1], ['same', 2, 1], ['same', 3, null], ['valid', 1, null]] as const) {
      const layer = new Conv2DTranspose(3, [3, 2], { strides, padding, outputPadding: op, useBias: false });
      const x = seededTensor([2, 3, 4, 2], 2);
      const y = layer.apply(x) as tf.Tensor;
      const z = tf.tidy(() => convTransposeViaConv(x, layer.kernel, y.shape.slice(1, 3) as number[], [strides, strides], padding));
      expect(z.shape).toEqual(y.shape);
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(y, z))).dataSync()[0])).toBeLessThan(1e-5);
      tf.dispose([x, y, z]);
      layer.dispose();
    }
  });
});
