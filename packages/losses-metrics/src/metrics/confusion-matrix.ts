/**
 * Confusion-matrix accumulation at thresholds (tf.keras 2's `metrics_utils.update_confusion_matrix_variables`),
 * shared by TruePositives..., Precision, Recall and AUC. Call inside `tidy`.
 */
import * as tf from '@keras-ts/tensor';
import { EPSILON, squeezeLabels } from '../internal/shapes.js';

/** Large negative score given to entries outside the top k. */
export const NEG_INF = -1e10;

export interface ConfusionVariables {
  truePositives?: tf.Variable;
  falsePositives?: tf.Variable;
  trueNegatives?: tf.Variable;
  falseNegatives?: tf.Variable;
}

export interface ConfusionUpdateOptions {
  thresholds: number[];
  topK?: number | null;
  classId?: number | null;
  sampleWeight?: tf.Tensor;
  /** Keep a separate count per label (last axis): variables of shape [thresholds, labels]. */
  multiLabel?: boolean;
  /** Per-label weights (only when not multiLabel). */
  labelWeights?: tf.Tensor;
  /** Thresholds are i/(n-1): bucket predictions (Keras's fast path, equal to comparing). */
  evenly?: boolean;
  what: string;
}

/** `thresholds` (with the end points) are evenly spaced over [0, 1]: Keras's `is_evenly_distributed_thresholds`. */
export function isEvenlyDistributed(thresholds: number[]): boolean {
  const n = thresholds.length;
  if (n < 3) return false;
  return thresholds.every((t, i) => Math.abs(t - i / (n - 1)) <= EPSILON + 1e-5 * Math.abs(i / (n - 1)));
}

/** Validates thresholds: a number or list of numbers in [0, 1]; `fallback` when absent. */
export function parseThresholds(thresholds: number | number[] | null | undefined, fallback: number, what: string): number[] {
  if (thresholds === null || thresholds === undefined) return [fallback];
  const list = Array.isArray(thresholds) ? thresholds : [thresholds];
  for (const t of list) {
    if (typeof t !== 'number' || !(t >= 0 && t <= 1)) {
      throw new tf.ValueError(`${what}: threshold values must be in [0, 1]. Received: ${JSON.stringify(thresholds)}`);
    }
  }
  return list;
}

function keepTopK(x: tf.Tensor, k: number): tf.Tensor {
  const numClasses = x.shape[x.rank - 1];
  const { indices } = tf.topk(x, Math.min(k, numClasses));
  const mask = tf.sum(tf.oneHot(indices, numClasses), -2);
  return tf.add(tf.mul(x, mask), tf.mul(tf.sub(1, mask), NEG_INF));
}

/** Adds this batch's counts at every threshold to the given variables. */
export function updateConfusionMatrix(vars: ConfusionVariables, yTrue: tf.Tensor, yPred: tf.Tensor, options: ConfusionUpdateOptions): void {
  const { thresholds, topK, classId, multiLabel = false, labelWeights, evenly = false, what } = options;
  let [t, p] = squeezeLabels(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
  if (t.rank !== p.rank || t.shape.some((d, i) => d !== p.shape[i])) {
    throw new tf.ShapeError(`${what}: y_true and y_pred must have the same shape. Received: y_true.shape=[${yTrue.shape}], y_pred.shape=[${yPred.shape}]`);
  }
  if (topK !== null && topK !== undefined) p = keepTopK(p, topK);
  if (classId !== null && classId !== undefined) {
    if (p.rank < 2) throw new tf.ValueError(`${what}: class_id needs y_pred of shape [samples, classes], received [${p.shape}]`);
    const numClasses = p.shape[p.rank - 1];
    if (classId < 0 || classId >= numClasses) throw new tf.ValueError(`${what}: class_id ${classId} is out of range for ${numClasses} classes.`);
    const begin = new Array(p.rank).fill(0);
    begin[p.rank - 1] = classId;
    const size = [...p.shape];
    size[p.rank - 1] = 1;
    t = tf.slice(t, begin, size);
    p = tf.slice(p, begin, size);
  }
  let weights: tf.Tensor | undefined;
  if (options.sampleWeight !== undefined) {
    let w = tf.cast(options.sampleWeight, 'float32');
    if (w.rank === p.rank + 1 && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [-1]);
    if (w.rank > 0 && w.rank < p.rank) w = tf.reshape(w, [...w.shape, ...new Array(p.rank - w.rank).fill(1)]);
    try {
      weights = tf.broadcastTo(w, p.shape);
    } catch {
      throw new tf.ShapeError(`${what}: sample_weight of shape [${options.sampleWeight.shape}] cannot be broadcast to y_pred of shape [${p.shape}].`);
    }
  }
  if (labelWeights !== undefined && !multiLabel) {
    const lw = tf.broadcastTo(labelWeights, p.shape);
    weights = weights ? tf.mul(weights, lw) : lw;
  }
  const n = thresholds.length;
  const numLabels = multiLabel ? p.shape[p.rank - 1] : 1;
  const labelsPos = tf.reshape(tf.cast(tf.notEqual(t, 0), 'float32'), [-1, numLabels]);
  const w2 = weights ? tf.reshape(weights, [-1, numLabels]) : undefined;
  const trueW = w2 ? tf.mul(labelsPos, w2) : labelsPos;
  const falseW = w2 ? tf.mul(tf.sub(1, labelsPos), w2) : tf.sub(1, labelsPos);
  let tp: tf.Tensor;
  let fp: tf.Tensor;
  if (evenly) {
    // Keras's fast path: each prediction falls in one bucket (ceil(p·(n-1)) - 1, i.e. above thresholds 0..bucket);
    // per-bucket sums, accumulated from the top, give the counts at every threshold in O(N + n).
    const clipped = tf.clipByValue(tf.reshape(p, [-1, numLabels]), 0, 1);
    let bucket = tf.sub(tf.ceil(tf.mul(clipped, n - 1)), 1);
    if (thresholds[0] < 0 || thresholds[n - 1] > 1) bucket = tf.relu(bucket);
    // Segment 0 holds predictions below every threshold; label l's segments start at l·(n+1).
    const ids = tf.add(tf.cast(tf.add(bucket, 1), 'int32'), tf.mul(tf.range(0, numLabels, 1, 'int32'), tf.scalar(n + 1, 'int32')));
    const flatIds = tf.reshape(ids, [-1]);
    const perThreshold = (x: tf.Tensor) => {
      const sums = tf.reshape(tf.unsortedSegmentSum(tf.reshape(x, [-1]), flatIds as tf.Tensor1D, numLabels * (n + 1)), [numLabels, n + 1]);
      const above = tf.cumsum(tf.slice(sums, [0, 1], [numLabels, n]), 1, false, true);
      return tf.transpose(above); // [n, L]
    };
    tp = perThreshold(trueW);
    fp = perThreshold(falseW);
  } else {
    const predPos = tf.cast(
      tf.greater(tf.reshape(p, [1, -1, numLabels]), tf.reshape(tf.tensor1d(thresholds, 'float32'), [n, 1, 1])),
      'float32',
    );
    tp = tf.sum(tf.mul(predPos, tf.expandDims(trueW, 0)), 1);
    fp = tf.sum(tf.mul(predPos, tf.expandDims(falseW, 0)), 1);
  }
  const shape = multiLabel ? [n, numLabels] : [n];
  const add = (v: tf.Variable | undefined, x: () => tf.Tensor) => {
    if (v) v.assign(tf.add(v, tf.reshape(x(), shape)));
  };
  add(vars.truePositives, () => tp);
  add(vars.falsePositives, () => fp);
  add(vars.trueNegatives, () => tf.sub(tf.sum(falseW, 0, true), fp));
  add(vars.falseNegatives, () => tf.sub(tf.sum(trueW, 0, true), tp));
}
