import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GroupNormalization } from './group-normalization.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('GroupNormalization', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new GroupNormalization({ groups: 2 }), inputShape: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4], expectedWeightNames: ['gamma', 'beta'] });
    expect(r.config).toMatchObject({ groups: 2, axis: -1, epsilon: 0.001 });
    runLayerTest({ make: () => new GroupNormalization({ groups: 3, axis: 1, scale: false }), inputShape: [2, 6, 4], expectedOutputShape: [2, 6, 4], expectedWeightNames: ['beta'] });
  });

  it('gradients match central differences on wasm and reach every weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    const layer = new GroupNormalization({ groups: 2 });
    const x = seededTensor([2, 3, 4], 5);
    const g = checkGradients(layer, x, { wrtInput: true });
    expect(g.failures).toEqual([]);
    expect(g.zeroGradWeights).toEqual([]);
    tf.dispose(x);
    layer.dispose();
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new GroupNormalization({ groups: 0 })).toThrow(/groups.*positive integer/);
    expect(() => new GroupNormalization({ groups: 8 }).apply(tf.zeros([2, 4]))).toThrow(/number of groups \(8\) cannot be more than the number of channels \(4\)/);
    expect(() => new GroupNormalization({ groups: 3 }).apply(tf.zeros([2, 4]))).toThrow(/number of groups \(3\) must be a multiple of the number of channels \(4\)/);
    expect(() => new GroupNormalization({ groups: 2, axis: 3 }).apply(tf.zeros([2, 4]))).toThrow(/invalid axis 3/);
  });
});
