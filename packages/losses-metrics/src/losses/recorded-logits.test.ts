/**
 * Crossentropies of softmax/sigmoid outputs whose logits were recorded (tf.keras 2's `_keras_logits`): they
 * compute from the logits, as `*_cross_entropy_with_logits`, so there is no `epsilon` floor on the loss.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from './probabilistic-fns.js';

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

function values(x: tf.Tensor): number[] {
  const v = Array.from(x.dataSync());
  x.dispose();
  return v;
}

/** softmax(z) with z recorded as its logits (owned: freed with it). */
function softmaxOutput(z: number[][]): tf.Tensor {
  const logits = tf.tensor2d(z);
  const p = tf.softmax(logits);
  tf.recordLogits(p, logits, 'softmax', -1, true);
  return p;
}

describe('crossentropies of outputs with recorded logits', () => {
  it('categorical: from the logits, unclipped (the probabilities alone give -log(1e-7))', () => {
    const yTrue = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    const p = softmaxOutput([[0, 100, 0], [1, 2, 3]]);
    const [far, near] = values(categoricalCrossentropy(yTrue, p));
    expect(far).toBeCloseTo(100, 4);
    expect(near).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 2, 5);
    // The same probabilities without recorded logits: clipped at epsilon.
    const plain = tf.tensor2d(Array.from(p.dataSync()), [2, 3]);
    expect(values(categoricalCrossentropy(yTrue, plain))[0]).toBeCloseTo(-Math.log(1e-7), 3);
    tf.dispose([yTrue, p, plain]);
  });

  it('categorical: the gradient reaches the logits as softmax - labels', () => {
    const yTrue = tf.tensor2d([[0, 0, 1]]);
    const z = tf.tensor2d([[0.5, -1, 2]]);
    const g = tf.grad((logits: tf.Tensor) => {
      const p = tf.softmax(logits);
      tf.recordLogits(p, logits, 'softmax', -1);
      return tf.sum(categoricalCrossentropy(yTrue, p));
    })(z);
    const s = values(tf.softmax(z));
    const got = values(g);
    [s[0]!, s[1]!, s[2]! - 1].forEach((e, i) => expect(got[i]).toBeCloseTo(e, 6));
    tf.dispose([yTrue, z]);
  });

  it('sparse categorical: from the logits', () => {
    const p = softmaxOutput([[0, 100, 0]]);
    const labels = tf.tensor1d([0], 'int32');
    expect(values(sparseCategoricalCrossentropy(labels, p))[0]).toBeCloseTo(100, 4);
    tf.dispose([p, labels]);
  });

  it('binary: from the logits of a sigmoid output', () => {
    const logits = tf.tensor2d([[50], [-0.5]]);
    const p = tf.sigmoid(logits);
    tf.recordLogits(p, logits, 'sigmoid');
    const yTrue = tf.tensor2d([[0], [1]]);
    const [far, near] = values(binaryCrossentropy(yTrue, p));
    expect(far).toBeCloseTo(50, 4);
    expect(near).toBeCloseTo(Math.log1p(Math.exp(0.5)), 6);
    tf.dispose([logits, p, yTrue]);
  });

  it('from_logits=True on such an output warns, as Keras does, and still uses the logits', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = softmaxOutput([[0, 100, 0]]);
    const yTrue = tf.tensor2d([[1, 0, 0]]);
    expect(values(categoricalCrossentropy(yTrue, p, { fromLogits: true }))[0]).toBeCloseTo(100, 4);
    expect(warn.mock.calls.some((c) => String(c[0]).includes('does not represent logits'))).toBe(true);
    warn.mockRestore();
    tf.dispose([p, yTrue]);
  });

  it("logits recorded for a softmax over another axis than the loss's are not used", () => {
    const logits = tf.tensor2d([[0, 100]]);
    const p = tf.softmax(logits);
    tf.recordLogits(p, logits, 'softmax', 0); // as if normalized over axis 0: not the loss's axis -1
    const yTrue = tf.tensor2d([[1, 0]]);
    expect(values(categoricalCrossentropy(yTrue, p))[0]).toBeCloseTo(-Math.log(1e-7), 3);
    tf.dispose([logits, p, yTrue]);
  });
});
