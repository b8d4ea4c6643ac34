/** Helpers shared by this package's tests (not exported from the package). */
import * as tf from '@keras-ts/tensor';

/** Two Keras-named variables, `dense/kernel` [2, 3] and `dense/bias` [3], with fixed values. */
export function denseVars(): tf.Variable[] {
  const k = tf.tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]]);
  const b = tf.tensor([0.1, -0.2, 0.3]);
  const vars = [tf.makeVariable(k, { path: 'dense/kernel' }), tf.makeVariable(b, { path: 'dense/bias' })];
  tf.dispose([k, b]);
  return vars;
}

/** Deterministic gradients for `vars` at `step` (the caller disposes them). */
export function gradsFor(vars: tf.Variable[], step: number): tf.Tensor[] {
  return vars.map((v, i) => {
    const n = v.size;
    const values = Array.from({ length: n }, (_, j) => Math.sin(1 + step * 1.7 + j * 0.9 + i * 2.3) * (1 + step));
    return tf.tensor(values, v.shape);
  });
}

/** Applies `steps` deterministic steps starting at step number `from`. */
export function run(opt: { applyGradients(p: Array<[tf.Tensor | null, tf.Variable]>): void }, vars: tf.Variable[], from: number, steps: number): void {
  for (let s = from; s < from + steps; s++) {
    const grads = gradsFor(vars, s);
    try {
      opt.applyGradients(grads.map((g, i) => [g, vars[i]!]));
    } finally {
      tf.dispose(grads);
    }
  }
}

export function disposeVars(vars: tf.Variable[]): void {
  vars.forEach((v) => tf.disposeVariable(v));
}
