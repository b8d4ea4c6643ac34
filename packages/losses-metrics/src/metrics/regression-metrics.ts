/** Regression metric classes: MSE, MAE, MAPE, MSLE, RMSE, CosineSimilarity, LogCoshError. */
import * as tf from '@keras-ts/tensor';
import type { MetricOptions } from './metric.js';
import { toTensor } from './metric.js';
import { Mean, MeanMetricWrapper } from './reduction-metrics.js';
import * as fns from '../losses/regression-fns.js';
import { alignWeights, squeezeLabels } from '../internal/shapes.js';

type T = tf.Tensor;
type In = tf.Tensor | tf.TensorLike;

export class MeanSquaredError extends MeanMetricWrapper {
  static override className = 'MeanSquaredError';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.meanSquaredError(t, p), { name: 'mean_squared_error', ...options });
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override className = 'MeanAbsoluteError';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.meanAbsoluteError(t, p), { name: 'mean_absolute_error', ...options });
  }
}

export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override className = 'MeanAbsolutePercentageError';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.meanAbsolutePercentageError(t, p), { name: 'mean_absolute_percentage_error', ...options });
  }
}

export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.meanSquaredLogarithmicError(t, p), { name: 'mean_squared_logarithmic_error', ...options });
  }
}

/** `sqrt(weighted mean of (yPred - yTrue)²)`, over every element. */
export class RootMeanSquaredError extends Mean {
  static override className = 'RootMeanSquaredError';
  constructor(options: MetricOptions = {}) {
    super({ name: 'root_mean_squared_error', ...options });
  }
  override updateState(yTrue: In, yPred?: In, sampleWeight?: In | null): void {
    if (yPred === undefined) throw new tf.ValueError(`Metric ${this.name}: updateState(yTrue, yPred, sampleWeight?) needs yPred.`);
    tf.tidy(() => {
      const [t, p] = squeezeLabels(tf.cast(toTensor(yTrue), 'float32'), tf.cast(toTensor(yPred), 'float32'));
      const errorSq = tf.squaredDifference(p, t);
      this.accumulate(errorSq, sampleWeight == null ? undefined : alignWeights(errorSq, tf.cast(toTensor(sampleWeight), 'float32')));
    });
  }
  override result(): tf.Tensor {
    return tf.tidy(() => tf.sqrt(tf.divNoNan(this.total, this.count)));
  }
}

/** Metric form of cosine similarity: `sum(l2_normalize(yTrue) * l2_normalize(yPred), axis)` (1 is best). */
export class CosineSimilarity extends MeanMetricWrapper<{ axis: number }> {
  static override className = 'CosineSimilarity';
  constructor(options: MetricOptions & { axis?: number } = {}) {
    super((t, p, k) => tf.tidy(() => tf.neg(fns.cosineSimilarity(t, p, k.axis))), { name: 'cosine_similarity', ...options }, { axis: -1 });
  }
}

/** `mean(log(cosh(yPred - yTrue)))`; named 'logcosh' as in tf.keras 2. */
export class LogCoshError extends MeanMetricWrapper {
  static override className = 'LogCoshError';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.logCosh(t, p), { name: 'logcosh', ...options });
  }
}

/** Metric function form: `sum(l2_normalize(yTrue) * l2_normalize(yPred), axis)` (positive, unlike the loss). */
export function cosineSimilarity(yTrue: T, yPred: T, axis = -1): T {
  return tf.tidy(() => tf.neg(fns.cosineSimilarity(yTrue, yPred, axis)));
}
