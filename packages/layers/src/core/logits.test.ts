/** Softmax and sigmoid outputs of Dense, Activation and Softmax record their logits for the crossentropies. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense } from './dense.js';
import { Activation } from './activation.js';
import { Softmax } from '../activation-layers/softmax.js';

let start = 0;
beforeAll(async () => {
  await tf.ready();
});
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

describe('recorded logits', () => {
  it('Dense(softmax) keeps its pre-activation as the output logits, freed with the output', () => {
    const layer = new Dense(3, { activation: 'softmax', kernelInitializer: 'ones', biasInitializer: 'zeros' });
    const x = tf.tensor2d([[1, 2], [0, -1]]);
    const y = layer.apply(x) as tf.Tensor;
    const withWeights = tf.memory().numTensors;
    const z = tf.logitsOf(y, 'softmax');
    expect(z).not.toBeNull();
    expect(Array.from(z!.dataSync())).toEqual([3, 3, 3, -1, -1, -1]);
    y.dispose();
    expect(z!.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(withWeights - 2);
    x.dispose();
    layer.dispose();
  });

  it('Dense(sigmoid) records sigmoid logits; Dense(relu) records none', () => {
    const sig = new Dense(1, { activation: 'sigmoid' });
    const relu = new Dense(1, { activation: 'relu' });
    const x = tf.tensor2d([[1, 2]]);
    const a = sig.apply(x) as tf.Tensor;
    const b = relu.apply(x) as tf.Tensor;
    expect(tf.logitsOf(a, 'sigmoid')).not.toBeNull();
    expect(tf.logitsOf(a, 'softmax')).toBeNull();
    expect(tf.logitsOf(b, 'sigmoid')).toBeNull();
    tf.dispose([a, b, x]);
    sig.dispose();
    relu.dispose();
  });

  it("Activation('softmax') and Softmax() record their input, which stays the caller's", () => {
    const x = tf.tensor2d([[1, 2, 3]]);
    const a = new Activation('softmax').apply(x) as tf.Tensor;
    const s = new Softmax().apply(x) as tf.Tensor;
    expect(tf.logitsOf(a, 'softmax')).toBe(x);
    expect(tf.logitsOf(s, 'softmax')).toBe(x);
    tf.dispose([a, s]);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});
