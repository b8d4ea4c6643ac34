import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { PReLU } from './prelu.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('PReLU', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; alpha shape follows shared_axes', () => {
    const r = runLayerTest({ make: () => new PReLU({ sharedAxes: [1, 2] }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 4, 5], expectedWeightNames: ['alpha'] });
    expect(r.config).toMatchObject({ shared_axes: [1, 2], alpha_initializer: { class_name: 'Zeros' } });
    const layer = new PReLU({ sharedAxes: 1 });
    layer.apply(tf.tidy(() => tf.zeros([1, 3, 4]))).dispose();
    expect(layer.alpha.shape).toEqual([1, 4]);
    layer.dispose();
  });

  it('gradients match central differences on wasm and reach alpha', () => {
    const layer = new PReLU({ alphaInitializer: 'ones' });
    const x = seededTensor([3, 2, 2], 5);
    const g = checkGradients(layer, x, { wrtInput: true, eps: 1e-3 });
    expect(g.failures).toEqual([]);
    expect(g.zeroGradWeights).toEqual([]);
    tf.dispose(x);
    layer.dispose();
  });

  it('rejects wrong configurations and inputs', () => {
    expect(() => new PReLU({ sharedAxes: [0] })).toThrow(/shared_axes.*batch axis cannot be shared/);
    expect(() => new PReLU().apply(Input({ batchShape: [null, null, 3] }))).toThrow(/PReLU needs defined dimensions/);
    const layer = new PReLU();
    layer.apply(tf.tidy(() => tf.zeros([1, 3]))).dispose();
    expect(() => layer.apply(tf.tidy(() => tf.zeros([1, 4])))).toThrow(/expected axis 1 of input shape to have value 3/);
    layer.dispose();
  });
});
