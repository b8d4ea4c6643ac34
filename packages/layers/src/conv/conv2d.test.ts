import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv2D } from './conv2d.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';
import { deserialize } from '../index.js';

describe('Conv2D', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({
      make: () => new Conv2D(4, 3, { strides: 2, padding: 'same', activation: 'relu' }),
      inputShape: [2, 7, 6, 3],
      expectedOutputShape: [2, 4, 3, 4],
      expectedWeightNames: ['kernel', 'bias'],
      expectedTrainableWeights: 2,
    });
    expect(r.config).toMatchObject({ filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true });
    runLayerTest({ make: () => new Conv2D(2, [2, 3], { dataFormat: 'channels_first', dilationRate: 2, useBias: false }), inputShape: [2, 3, 7, 8], expectedOutputShape: [2, 2, 5, 4], expectedWeightNames: ['kernel'] });
    runLayerTest({ make: () => new Conv2D(4, 3, { groups: 2 }), inputShape: [1, 5, 5, 6], expectedOutputShape: [1, 3, 3, 4] });
  });

  it('gradients match central differences on wasm and reach every weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    for (const make of [() => new Conv2D(3, 3, { padding: 'same', strides: 2 }), () => new Conv2D(2, 2, { groups: 2, dataFormat: 'channels_first', dilationRate: 2 })]) {
      const layer = make();
      const x = seededTensor([2, 4, 5, 4], 3);
      const g = checkGradients(layer, x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      expect(g.zeroGradWeights).toEqual([]);
      expect(g.checked).toBeGreaterThan(10);
      x.dispose();
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Conv2D(0, 3)).toThrow(/filters.*strictly positive.*filters=0/);
    expect(() => new Conv2D(4, 3, { padding: 'causal' as never })).toThrow(/padding.*Received padding="causal"/);
    expect(() => new Conv2D(4, 3, { dataFormat: 'NHWC' as never })).toThrow(/data_format.*channels_first.*Received/);
    expect(() => new Conv2D(4, [3, 3, 3])).toThrow(/kernel_size.*tuple of 2/);
    expect(() => new Conv2D(4, 3, { strides: 2, dilationRate: 2 })).toThrow(/strides > 1.*dilation_rate > 1/);
    expect(() => new Conv2D(5, 3, { groups: 2 })).toThrow(/divisible by the number of groups/);
    const big = new Conv2D(2, 5);
    expect(() => big.apply(tf.zeros([1, 3, 3, 1]))).toThrow(/kernel.*larger than the input|negative or zero/);
    const wrongRank = new Conv2D(2, 2);
    expect(() => wrongRank.apply(tf.zeros([1, 3, 3]))).toThrow(/expected ndim=4, found ndim=3/);
    const built = new Conv2D(2, 2);
    built.apply(tf.zeros([1, 3, 3, 2])).dispose();
    expect(() => built.apply(tf.zeros([1, 3, 3, 5]))).toThrow(/expected axis -1|axis 3 of input shape to have value 2/);
    expect(() => new Conv2D(4, 3, { groups: 3 }).apply(tf.zeros([1, 4, 4, 4]))).toThrow(/groups|divisible/);
    big.dispose();
    wrongRank.dispose();
    built.dispose();
  });

  it('loads a full Keras 3 serialized object (module, registered_name, dtype policy, build_config)', () => {
    const layer = deserialize({
      module: 'keras.layers',
      class_name: 'Conv2D',
      registered_name: null,
      build_config: { input_shape: [null, 8, 8, 3] },
      config: {
        name: 'conv2d_k3', trainable: true,
        dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
        filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
        activation: 'relu', use_bias: true,
        kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
        bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
        kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
      },
    } as never) as Conv2D;
    expect(layer).toBeInstanceOf(Conv2D);
    expect([layer.name, layer.filters, layer.padding, layer.dtype]).toEqual(['conv2d_k3', 8, 'same', 'float32']);
    const y = layer.apply(tf.tidy(() => tf.ones([1, 8, 8, 3]))) as tf.Tensor;
    expect(y.shape).toEqual([1, 8, 8, 8]);
    y.dispose();
    layer.dispose();
  });
});
