/**
 * Regression losses as functions, `keras.losses.mean_squared_error` and friends: per-sample values (the mean
 * over the last axis). Each runs in `tidy`; the caller keeps ownership of its inputs.
 */
import * as tf from '@keras-ts/tensor';
import { EPSILON, asFloat } from '../internal/shapes.js';

type T = tf.Tensor;

function pair(yTrue: T | tf.TensorLike, yPred: T | tf.TensorLike): [T, T] {
  return [asFloat(yTrue), asFloat(yPred)];
}

/** `mean(square(yTrue - yPred), axis=-1)`. */
export function meanSquaredError(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    return tf.mean(tf.squaredDifference(p, t), -1);
  });
}

/** `mean(abs(yTrue - yPred), axis=-1)`. */
export function meanAbsoluteError(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    return tf.mean(tf.abs(tf.sub(t, p)), -1);
  });
}

/** `100 * mean(abs((yTrue - yPred) / max(abs(yTrue), epsilon)), axis=-1)`. */
export function meanAbsolutePercentageError(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    const diff = tf.abs(tf.div(tf.sub(t, p), tf.maximum(tf.abs(t), EPSILON)));
    return tf.mul(tf.mean(diff, -1), 100);
  });
}

/** `mean(square(log(max(yPred, eps) + 1) - log(max(yTrue, eps) + 1)), axis=-1)`. */
export function meanSquaredLogarithmicError(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    const first = tf.log(tf.add(tf.maximum(p, EPSILON), 1));
    const second = tf.log(tf.add(tf.maximum(t, EPSILON), 1));
    return tf.mean(tf.squaredDifference(first, second), -1);
  });
}

/** Huber loss: `0.5 x²` where `|x| <= delta`, else `delta·|x| - 0.5·delta²`, averaged over the last axis. */
export function huber(yTrue: T, yPred: T, delta = 1.0): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    // 0.5·min(|x|, d)² + d·(|x| - min(|x|, d)): the two branches without a select, so gradients flow
    // (tfjs cannot differentiate through the comparison a select would need).
    const absError = tf.abs(tf.sub(p, t));
    const quadratic = tf.minimum(absError, delta);
    return tf.mean(tf.add(tf.mul(tf.square(quadratic), 0.5), tf.mul(tf.sub(absError, quadratic), delta)), -1);
  });
}

/** `mean(log(cosh(yPred - yTrue)), axis=-1)`, computed stably as `x + softplus(-2x) - log(2)`. */
export function logCosh(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    const x = tf.sub(p, t);
    return tf.mean(tf.sub(tf.add(x, tf.softplus(tf.mul(x, -2))), Math.log(2)), -1);
  });
}

/** `tf.math.l2_normalize`: `x / sqrt(max(sum(x²), 1e-12))` along `axis`. */
export function l2Normalize(x: T, axis: number): T {
  return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12))));
}

/** Loss form of cosine similarity: `-sum(l2_normalize(yTrue) * l2_normalize(yPred), axis)` (−1 is best). */
export function cosineSimilarity(yTrue: T, yPred: T, axis = -1): T {
  return tf.tidy(() => {
    const [t, p] = pair(yTrue, yPred);
    return tf.neg(tf.sum(tf.mul(l2Normalize(t, axis), l2Normalize(p, axis)), axis));
  });
}
