/**
 * Moving between `[batch, time, ...]` sequences and per-step `[batch, ...]` tensors: one transpose to time-major
 * and one `unstack` (its gradient a single `stack`).
 */
import * as tf from '@keras-ts/tensor';

function unstackFirst(t: tf.Tensor): tf.Tensor[] {
  // (a one-step sequence is reshaped: tfjs loses the gradient of a one-output Unpack)
  if (t.shape[0] === 1) return [tf.reshape(t, t.shape.slice(1))];
  return tf.unstack(t, 0);
}

/** `[batch, time, ...]` → `time` tensors `[batch, ...]`. */
export function unstackTime(x: tf.Tensor): tf.Tensor[] {
  const perm = [1, 0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)];
  return unstackFirst(tf.transpose(x, perm));
}

/** `time` tensors `[batch, ...]` → `[batch, time, ...]`. */
export function stackTime(steps: tf.Tensor[]): tf.Tensor {
  const s = tf.stack(steps, 0);
  return tf.transpose(s, [1, 0, ...Array.from({ length: s.rank - 2 }, (_, i) => i + 2)]);
}

/** Splits gate pre-activations `[..., n*units]` into `n` tensors `[..., units]` (one `split` on the last axis). */
export function splitGates(z: tf.Tensor, n: number): tf.Tensor[] {
  return tf.split(z, n, z.rank - 1);
}
