/**
 * Gradient clipping as Keras 3 does it (call inside a `tidy`): per-tensor norm, global norm, and value.
 */
import * as tf from '@keras-ts/tensor';

/** Scales `g` so that its L2 norm is at most `clipnorm` (a zero gradient stays zero). */
export function clipByNorm(g: tf.Tensor, clipnorm: number): tf.Tensor {
  const l2sum = tf.sum(tf.square(g));
  const positive = tf.greater(l2sum, 0);
  // Two-sided where, so that a zero gradient never takes the sqrt of 0 in the branch it does not use.
  const safe = tf.where(positive, l2sum, tf.onesLike(l2sum));
  const l2norm = tf.where(positive, tf.sqrt(safe), l2sum);
  return tf.div(tf.mul(g, clipnorm), tf.maximum(l2norm, clipnorm));
}

/** The L2 norm of all tensors together. */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  const squares = grads.map((g) => tf.sum(tf.square(g)));
  return tf.sqrt(tf.sum(tf.stack(squares))) as tf.Scalar;
}

/** Scales all gradients by `clipnorm / max(globalNorm, clipnorm)`; a non-finite norm makes them NaN, as Keras. */
export function clipByGlobalNorm(grads: tf.Tensor[], clipnorm: number): tf.Tensor[] {
  const norm = globalNorm(grads);
  const scaleForFinite = tf.mul(clipnorm, tf.minimum(tf.div(1, norm), 1 / clipnorm));
  const scale = tf.add(scaleForFinite, tf.sub(norm, norm));
  return grads.map((g) => tf.mul(g, scale));
}

/** Clips every element to `[-clipvalue, clipvalue]`. */
export function clipByValue(g: tf.Tensor, clipvalue: number): tf.Tensor {
  return tf.clipByValue(g, -clipvalue, clipvalue);
}

/** Keras's clipping of a step's gradients: `clipnorm` first, else `globalClipnorm`, else `clipvalue`. */
export function clipGradients(
  grads: tf.Tensor[],
  opts: { clipnorm: number | null; globalClipnorm: number | null; clipvalue: number | null },
): tf.Tensor[] {
  const { clipnorm, globalClipnorm, clipvalue } = opts;
  if (clipnorm !== null && clipnorm > 0) return grads.map((g) => clipByNorm(g, clipnorm));
  if (globalClipnorm !== null && globalClipnorm > 0) return clipByGlobalNorm(grads, globalClipnorm);
  if (clipvalue !== null && clipvalue > 0) return grads.map((g) => clipByValue(g, clipvalue));
  return grads;
}
