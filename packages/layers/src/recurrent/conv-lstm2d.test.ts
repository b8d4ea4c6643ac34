import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { ConvLSTM2D } from './index.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

beforeAll(async () => {
  await tf.ready();
});

describe('ConvLSTM2D', () => {
  it('layer test: weights, shapes, config round trip', () => {
    const r = runLayerTest({
      make: () => new ConvLSTM2D(2, 3, { padding: 'same', returnSequences: true }),
      inputShape: [2, 3, 5, 4, 2],
      expectedOutputShape: [2, 3, 5, 4, 2],
      expectedWeightNames: ['kernel', 'recurrent_kernel', 'bias'],
    });
    expect(r.config).toMatchObject({ filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], recurrent_activation: 'sigmoid', return_sequences: true });
  });

  it('channels_first: symbolic and eager shapes, return_state', () => {
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const l = new ConvLSTM2D(3, 2, { dataFormat: 'channels_first', returnState: true, strides: 2 });
      const outs = l.apply(seededTensor([2, 4, 2, 6, 5], 1)) as unknown as tf.Tensor[];
      expect(outs.map((o) => o.shape)).toEqual([[2, 3, 3, 2], [2, 3, 3, 2], [2, 3, 3, 2]]);
      const sym = l.apply(Input({ shape: [4, 2, 6, 5] })) as unknown as Array<{ shape: unknown }>;
      expect(sym.map((s) => s.shape)).toEqual([[null, 3, 3, 2], [null, 3, 3, 2], [null, 3, 3, 2]]);
      expect(l.weights.map((w) => w.shape)).toEqual([[2, 2, 2, 12], [2, 2, 3, 12], [12]]);
      l.dispose();
    });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('refuses bad configurations', () => {
    expect(() => new ConvLSTM2D(0, 3)).toThrow(/filters/);
    expect(() => new ConvLSTM2D(2, 3, { strides: 2, dilationRate: 2 })).toThrow(/dilation_rate/);
    expect(() => new ConvLSTM2D(2, 3, { padding: 'causal' as never })).toThrow(/padding/);
    expect(() => new ConvLSTM2D(2, 3, { dataFormat: 'nhwc' as never })).toThrow(/data_format/);
    expect(() => new ConvLSTM2D(2, 5).apply(Input({ shape: [3, 4, 4, 1] }))).toThrow(ValueError);
    expect(() => new ConvLSTM2D(2, 3).apply(Input({ shape: [3, 4, 4] }))).toThrow(/ndim=5/);
  });

  it('gradients (wasm): numeric vs analytic, every weight gets one', () => {
    const start = tf.memory().numTensors;
    const l = new ConvLSTM2D(2, 2, { padding: 'same', returnSequences: true });
    const x = seededTensor([1, 2, 3, 3, 2], 2);
    const r = tf.tidy(() => checkGradients(l, x, { wrtInput: true }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    x.dispose();
    l.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
