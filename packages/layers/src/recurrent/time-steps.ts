/**
 * Moving between `[batch, time, ...]` sequences and per-step `[batch, ...]` tensors: one transpose to time-major,
 * then a tree of `split`s ending in small `unstack`s (on backends whose slices read their whole source, this
 * keeps the copying near O(size x log time)); the gradients stay single `concat`/`stack` ops.
 */
import * as tf from '@keras-ts/tensor';

const FANOUT = 4;

function unstackFirst(t: tf.Tensor): tf.Tensor[] {
  const n = t.shape[0];
  // (one-step chunks are reshaped: tfjs loses the gradient of a one-output Unpack)
  if (n === 1) return [tf.reshape(t, t.shape.slice(1))];
  if (n <= 2 * FANOUT) return tf.unstack(t, 0);
  const base = Math.floor(n / FANOUT);
  const sizes = Array.from({ length: FANOUT }, (_, i) => base + (i < n % FANOUT ? 1 : 0));
  return tf.split(t, sizes, 0).flatMap(unstackFirst);
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
