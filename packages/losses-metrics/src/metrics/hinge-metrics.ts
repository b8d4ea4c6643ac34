/** Hinge metric classes. */
import type * as tf from '@keras-ts/tensor';
import type { MetricOptions } from './metric.js';
import { MeanMetricWrapper } from './reduction-metrics.js';
import * as fns from '../losses/hinge-fns.js';

type T = tf.Tensor;

export class Hinge extends MeanMetricWrapper {
  static override className = 'Hinge';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.hinge(t, p), { name: 'hinge', ...options });
  }
}

export class SquaredHinge extends MeanMetricWrapper {
  static override className = 'SquaredHinge';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.squaredHinge(t, p), { name: 'squared_hinge', ...options });
  }
}

export class CategoricalHinge extends MeanMetricWrapper {
  static override className = 'CategoricalHinge';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.categoricalHinge(t, p), { name: 'categorical_hinge', ...options });
  }
}
