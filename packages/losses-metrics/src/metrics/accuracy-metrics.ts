/** Accuracy metric classes. */
import type * as tf from '@keras-ts/tensor';
import type { MetricOptions } from './metric.js';
import { MeanMetricWrapper } from './reduction-metrics.js';
import * as fns from './accuracy-fns.js';

type T = tf.Tensor;

/** How often predictions equal labels exactly. */
export class Accuracy extends MeanMetricWrapper {
  static override className = 'Accuracy';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.accuracy(t, p), { name: 'accuracy', ...options });
  }
}

export interface BinaryAccuracyOptions extends MetricOptions {
  /** Predictions above it count as 1 (default 0.5). */
  threshold?: number;
}
/** How often `yPred > threshold` matches the 0/1 label. */
export class BinaryAccuracy extends MeanMetricWrapper<{ threshold: number }> {
  static override className = 'BinaryAccuracy';
  constructor(options: BinaryAccuracyOptions = {}) {
    super((t, p, k) => fns.binaryAccuracy(t, p, k.threshold), { name: 'binary_accuracy', ...options }, { threshold: 0.5 });
  }
}

/** How often `argmax(yPred)` matches the one-hot label's class. */
export class CategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'CategoricalAccuracy';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.categoricalAccuracy(t, p), { name: 'categorical_accuracy', ...options });
  }
}

/** How often `argmax(yPred)` matches the integer label. */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalAccuracy';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.sparseCategoricalAccuracy(t, p), { name: 'sparse_categorical_accuracy', ...options });
  }
}

export interface TopKOptions extends MetricOptions {
  /** How many of the highest predictions count (default 5). */
  k?: number;
}
/** How often the one-hot label's class is among the top `k` predictions. */
export class TopKCategoricalAccuracy extends MeanMetricWrapper<{ k: number }> {
  static override className = 'TopKCategoricalAccuracy';
  constructor(options: TopKOptions = {}) {
    super((t, p, o) => fns.topKCategoricalAccuracy(t, p, o.k), { name: 'top_k_categorical_accuracy', ...options }, { k: 5 });
  }
}

/** How often the integer label is among the top `k` predictions. */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper<{ k: number }> {
  static override className = 'SparseTopKCategoricalAccuracy';
  constructor(options: TopKOptions = {}) {
    super((t, p, o) => fns.sparseTopKCategoricalAccuracy(t, p, o.k), { name: 'sparse_top_k_categorical_accuracy', ...options }, { k: 5 });
  }
}
