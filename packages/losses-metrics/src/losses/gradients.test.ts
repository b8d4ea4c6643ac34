import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as losses from './index.js';

/** Deterministic inputs in (0.05, 0.95) / one-hot, shaped [4, 3]. */
function inputs(kind: 'probs' | 'reg' | 'sparse'): { yt: tf.Tensor; yp: tf.Tensor } {
  const raw = [0.2, 0.5, 0.3, 0.7, 0.1, 0.2, 0.25, 0.25, 0.5, 0.05, 0.9, 0.05];
  const yp = tf.tensor2d(raw, [4, 3]);
  if (kind === 'sparse') return { yt: tf.tensor1d([1, 0, 2, 1]), yp };
  if (kind === 'reg') return { yt: tf.tensor2d([0.3, -0.2, 1.1, 0.4, 0.7, 0.9, -0.5, 0.2, 0.6, 0.1, 0.8, 0.3], [4, 3]), yp };
  return { yt: tf.tensor2d([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0], [4, 3]), yp };
}

const cases: [string, () => losses.Loss, 'probs' | 'reg' | 'sparse'][] = [
  ['CategoricalCrossentropy', () => new losses.CategoricalCrossentropy({ labelSmoothing: 0.1 }), 'probs'],
  ['CategoricalCrossentropy logits', () => new losses.CategoricalCrossentropy({ fromLogits: true }), 'probs'],
  ['CategoricalFocalCrossentropy', () => new losses.CategoricalFocalCrossentropy(), 'probs'],
  ['SparseCategoricalCrossentropy', () => new losses.SparseCategoricalCrossentropy(), 'sparse'],
  ['SparseCategoricalCrossentropy logits', () => new losses.SparseCategoricalCrossentropy({ fromLogits: true }), 'sparse'],
  ['SparseCategoricalCrossentropy ignore_class', () => new losses.SparseCategoricalCrossentropy({ ignoreClass: 2 }), 'sparse'],
  ['BinaryCrossentropy', () => new losses.BinaryCrossentropy(), 'probs'],
  ['BinaryCrossentropy logits', () => new losses.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }), 'probs'],
  ['BinaryFocalCrossentropy', () => new losses.BinaryFocalCrossentropy({ applyClassBalancing: true }), 'probs'],
  ['MeanSquaredError', () => new losses.MeanSquaredError(), 'reg'],
  ['MeanAbsoluteError', () => new losses.MeanAbsoluteError(), 'reg'],
  ['MeanAbsolutePercentageError', () => new losses.MeanAbsolutePercentageError(), 'reg'],
  ['MeanSquaredLogarithmicError', () => new losses.MeanSquaredLogarithmicError(), 'probs'],
  ['Huber', () => new losses.Huber({ delta: 0.3 }), 'reg'],
  ['LogCosh', () => new losses.LogCosh(), 'reg'],
  ['CosineSimilarity', () => new losses.CosineSimilarity(), 'reg'],
  ['KLDivergence', () => new losses.KLDivergence(), 'probs'],
  ['Poisson', () => new losses.Poisson(), 'probs'],
  ['Hinge', () => new losses.Hinge(), 'probs'],
  ['SquaredHinge', () => new losses.SquaredHinge(), 'probs'],
  ['CategoricalHinge', () => new losses.CategoricalHinge(), 'probs'],
];

describe.each(['cpu', 'wasm'] as const)('losses are differentiable with respect to y_pred (gradients match finite differences) on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });
  it.each(cases)('%s', (_, make, kind) => {
    const start = tf.memory().numTensors;
    const loss = make();
    const { yt, yp } = inputs(kind);
    const sw = tf.tensor1d([1, 0.5, 2, 1]);
    const f = (p: tf.Tensor) => loss.apply(yt, p, sw);
    const g = tf.grad(f)(yp);
    expect(g.shape).toEqual(yp.shape);
    const grad = g.dataSync();
    const base = yp.dataSync();
    const h = 1e-3;
    for (const i of [0, 4, 8, 10]) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[i] += h;
      minus[i] -= h;
      const vals = tf.tidy(() => [f(tf.tensor(plus, yp.shape)).dataSync()[0], f(tf.tensor(minus, yp.shape)).dataSync()[0]]);
      const numeric = (vals[0] - vals[1]) / (2 * h);
      expect(Math.abs(grad[i] - numeric), `d/dy_pred[${i}]: ${grad[i]} vs ${numeric}`).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
    tf.dispose([yt, yp, sw, g]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
