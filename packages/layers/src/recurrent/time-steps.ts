/**
 * Moving between `[batch, time, ...]` sequences and per-step `[batch, ...]` tensors cheaply. On wasm every
 * slice reads its whole source tensor, so `unstack` along time costs O(time x size); splitting the
 * time-major sequence in a few chunks at a time (a tree of `split`s, then `unstack` on small chunks) keeps the
 * copying near O(size x log time), and the gradients stay single `concat`/`stack` ops.
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

/**
 * Splits `[batch, n*units]` gate pre-activations into `n` tensors `[batch, units]`. On wasm a column slice
 * is a slow strided copy of the whole source; a reshape + transpose + unstack of contiguous rows is ~10x
 * cheaper. Other ranks (ConvLSTM2D) use `split` on the last axis.
 */
export function splitGates(z: tf.Tensor, n: number): tf.Tensor[] {
  if (z.rank !== 2) return tf.split(z, n, z.rank - 1);
  const [b, g] = z.shape as [number, number];
  return tf.unstack(tf.transpose(tf.reshape(z, [b, n, g / n]), [1, 0, 2]), 0);
}
