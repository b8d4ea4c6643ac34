/** Accuracy functions (`keras.metrics.accuracy`, `binary_accuracy`, ...): per-sample 0/1 matches. */
import * as tf from '@keras-ts/tensor';

type T = tf.Tensor;

/** `1` where `yTrue == yPred` exactly, elementwise. */
export function accuracy(yTrue: T, yPred: T): T {
  return tf.tidy(() => tf.cast(tf.equal(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32')), 'float32'));
}

/** The fraction of entries where `yPred > threshold` equals the (0/1) label, over the last axis. */
export function binaryAccuracy(yTrue: T, yPred: T, threshold = 0.5): T {
  return tf.tidy(() => {
    const predicted = tf.cast(tf.greater(tf.cast(yPred, 'float32'), threshold), 'float32');
    return tf.mean(tf.cast(tf.equal(tf.cast(yTrue, 'float32'), predicted), 'float32'), -1);
  });
}

/** Matches of integer labels against `argmax(yPred, -1)`; labels of yPred's rank lose their trailing 1. */
export function sparseCategoricalMatches(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const reshape = yTrue.rank === yPred.rank;
    const labels = reshape ? tf.squeeze(yTrue, [-1]) : yTrue;
    const matches = tf.cast(tf.equal(tf.cast(labels, 'int32'), tf.argMax(yPred, -1)), 'float32');
    return reshape ? tf.reshape(matches, yTrue.shape) : matches;
  });
}

/** `argmax(yTrue) == argmax(yPred)` over the last axis (one-hot labels). */
export function categoricalAccuracy(yTrue: T, yPred: T): T {
  return tf.tidy(() => sparseCategoricalMatches(tf.argMax(yTrue, -1), yPred));
}

/** `yTrue == argmax(yPred)` for integer labels. */
export function sparseCategoricalAccuracy(yTrue: T, yPred: T): T {
  return sparseCategoricalMatches(yTrue, yPred);
}

/**
 * `tf.math.in_top_k` for integer labels: 1 where fewer than `k` classes score strictly above the label's
 * class (ties count as in the top k), 0 for a non-finite score or a label out of range.
 */
export function sparseTopKCategoricalMatches(yTrue: T, yPred: T, k: number): T {
  return tf.tidy(() => {
    const numClasses = yPred.shape[yPred.rank - 1];
    const preds = tf.reshape(tf.cast(yPred, 'float32'), [-1, numClasses]);
    const labelShape = yTrue.shape;
    const labels = tf.reshape(tf.cast(yTrue, 'int32'), [-1]);
    const hot = tf.cast(tf.oneHot(labels, numClasses), 'bool');
    const target = tf.sum(tf.where(hot, preds, tf.zerosLike(preds)), -1, true);
    const above = tf.sum(tf.cast(tf.greater(preds, target), 'int32'), -1);
    const inRange = tf.logicalAnd(tf.greaterEqual(labels, 0), tf.less(labels, numClasses));
    const finite = tf.logicalNot(tf.logicalOr(tf.isNaN(target), tf.isInf(target)));
    const ok = tf.logicalAnd(tf.logicalAnd(tf.less(above, k), inRange), tf.reshape(finite, [-1]));
    const matches = tf.cast(ok, 'float32');
    return yTrue.rank > 1 ? tf.reshape(matches, labelShape) : matches;
  });
}

/** Whether the true class (one-hot) is among the `k` highest predictions. */
export function topKCategoricalAccuracy(yTrue: T, yPred: T, k = 5): T {
  return tf.tidy(() => sparseTopKCategoricalMatches(tf.argMax(yTrue, -1), yPred, k));
}

/** Whether the integer label is among the `k` highest predictions. */
export function sparseTopKCategoricalAccuracy(yTrue: T, yPred: T, k = 5): T {
  return tf.tidy(() => {
    const labels = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1 ? tf.squeeze(yTrue, [-1]) : yTrue;
    return sparseTopKCategoricalMatches(labels, yPred, k);
  });
}
