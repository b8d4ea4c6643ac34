/** Probabilistic metric classes: the crossentropies, KLDivergence, Poisson. */
import type * as tf from '@keras-ts/tensor';
import type { MetricOptions } from './metric.js';
import { MeanMetricWrapper } from './reduction-metrics.js';
import * as fns from '../losses/probabilistic-fns.js';

type T = tf.Tensor;
type Xent = { fromLogits: boolean; labelSmoothing: number; axis: number };

export interface CrossentropyMetricOptions extends MetricOptions {
  fromLogits?: boolean;
  labelSmoothing?: number;
  axis?: number;
}

export class BinaryCrossentropy extends MeanMetricWrapper<Xent> {
  static override className = 'BinaryCrossentropy';
  constructor(options: CrossentropyMetricOptions = {}) {
    super((t, p, k) => fns.binaryCrossentropy(t, p, k), { name: 'binary_crossentropy', ...options }, {
      fromLogits: false,
      labelSmoothing: 0,
      axis: -1,
    });
  }
}

export class CategoricalCrossentropy extends MeanMetricWrapper<Xent> {
  static override className = 'CategoricalCrossentropy';
  constructor(options: CrossentropyMetricOptions = {}) {
    super((t, p, k) => fns.categoricalCrossentropy(t, p, k), { name: 'categorical_crossentropy', ...options }, {
      fromLogits: false,
      labelSmoothing: 0,
      axis: -1,
    });
  }
}

type Sparse = { fromLogits: boolean; ignoreClass: number | null; axis: number };
export interface SparseCrossentropyMetricOptions extends MetricOptions {
  fromLogits?: boolean;
  ignoreClass?: number | null;
  axis?: number;
}

/** Entries labelled `ignoreClass` are left out of the mean. */
export class SparseCategoricalCrossentropy extends MeanMetricWrapper<Sparse> {
  static override className = 'SparseCategoricalCrossentropy';
  constructor(options: SparseCrossentropyMetricOptions = {}) {
    super((t, p, k) => fns.sparseCategoricalCrossentropyMasked(t, p, k), { name: 'sparse_categorical_crossentropy', ...options }, {
      fromLogits: false,
      ignoreClass: null,
      axis: -1,
    });
  }
}

/** Named 'kullback_leibler_divergence' as in tf.keras 2 (Keras 3: 'kl_divergence'). */
export class KLDivergence extends MeanMetricWrapper {
  static override className = 'KLDivergence';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.klDivergence(t, p), { name: 'kullback_leibler_divergence', ...options });
  }
}

export class Poisson extends MeanMetricWrapper {
  static override className = 'Poisson';
  constructor(options: MetricOptions = {}) {
    super((t: T, p: T) => fns.poisson(t, p), { name: 'poisson', ...options });
  }
}
