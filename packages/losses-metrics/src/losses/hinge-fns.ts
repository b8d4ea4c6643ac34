/** Hinge losses as functions (`keras.losses.hinge`, `squared_hinge`, `categorical_hinge`). */
import * as tf from '@keras-ts/tensor';
import { asFloat } from '../internal/shapes.js';

type T = tf.Tensor;

/**
 * Labels given as {0, 1} become {-1, 1}; labels already in {-1, 1} (or anything else) stay. Decided on the
 * whole tensor without reading it back (tf.keras 2's `_maybe_convert_labels`).
 */
export function convertBinaryLabelsToHinge(yTrue: T): T {
  return tf.tidy(() => {
    const isBinary = tf.cast(tf.all(tf.logicalOr(tf.equal(yTrue, 0), tf.equal(yTrue, 1))), 'float32');
    const converted = tf.sub(tf.mul(yTrue, 2), 1);
    return tf.add(tf.mul(isBinary, converted), tf.mul(tf.sub(1, isBinary), yTrue));
  });
}

/** `mean(max(1 - yTrue * yPred, 0), axis=-1)`, with {0, 1} labels converted to {-1, 1}. */
export function hinge(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const t = convertBinaryLabelsToHinge(asFloat(yTrue));
    return tf.mean(tf.relu(tf.sub(1, tf.mul(t, asFloat(yPred)))), -1);
  });
}

/** `mean(square(max(1 - yTrue * yPred, 0)), axis=-1)`, with {0, 1} labels converted to {-1, 1}. */
export function squaredHinge(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const t = convertBinaryLabelsToHinge(asFloat(yTrue));
    return tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(t, asFloat(yPred))))), -1);
  });
}

/** `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` over the last axis (one-hot labels). */
export function categoricalHinge(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const t = asFloat(yTrue);
    const p = asFloat(yPred);
    const pos = tf.sum(tf.mul(t, p), -1);
    const neg = tf.max(tf.mul(tf.sub(1, t), p), -1);
    return tf.relu(tf.add(tf.sub(neg, pos), 1));
  });
}
