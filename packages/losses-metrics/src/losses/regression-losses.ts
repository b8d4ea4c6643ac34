/** Regression loss classes: MSE, MAE, MAPE, MSLE, Huber, LogCosh, CosineSimilarity. */
import { LossFunctionWrapper, type LossOptions } from './loss.js';
import * as fns from './regression-fns.js';

const plain = <T>(fn: (t: T, p: T) => T) => (t: T, p: T) => fn(t, p);

export class MeanSquaredError extends LossFunctionWrapper {
  static override className = 'MeanSquaredError';
  constructor(options: LossOptions = {}) {
    super(plain(fns.meanSquaredError), { name: 'mean_squared_error', ...options });
  }
}

export class MeanAbsoluteError extends LossFunctionWrapper {
  static override className = 'MeanAbsoluteError';
  constructor(options: LossOptions = {}) {
    super(plain(fns.meanAbsoluteError), { name: 'mean_absolute_error', ...options });
  }
}

export class MeanAbsolutePercentageError extends LossFunctionWrapper {
  static override className = 'MeanAbsolutePercentageError';
  constructor(options: LossOptions = {}) {
    super(plain(fns.meanAbsolutePercentageError), { name: 'mean_absolute_percentage_error', ...options });
  }
}

export class MeanSquaredLogarithmicError extends LossFunctionWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  constructor(options: LossOptions = {}) {
    super(plain(fns.meanSquaredLogarithmicError), { name: 'mean_squared_logarithmic_error', ...options });
  }
}

export interface HuberOptions extends LossOptions {
  /** The point where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}
export class Huber extends LossFunctionWrapper<{ delta: number }> {
  static override className = 'Huber';
  constructor(options: HuberOptions = {}) {
    super((t, p, k) => fns.huber(t, p, k.delta), { name: 'huber_loss', ...options }, { delta: 1.0 });
  }
}

export class LogCosh extends LossFunctionWrapper {
  static override className = 'LogCosh';
  constructor(options: LossOptions = {}) {
    super(plain(fns.logCosh), { name: 'log_cosh', ...options });
  }
}

export interface CosineSimilarityOptions extends LossOptions {
  /** The axis along which the similarity is computed (default -1). */
  axis?: number;
}
/** `-sum(l2_normalize(yTrue) * l2_normalize(yPred))`: −1 for identical directions, so minimizing aligns them. */
export class CosineSimilarity extends LossFunctionWrapper<{ axis: number }> {
  static override className = 'CosineSimilarity';
  constructor(options: CosineSimilarityOptions = {}) {
    super((t, p, k) => fns.cosineSimilarity(t, p, k.axis), { name: 'cosine_similarity', ...options }, { axis: -1 });
  }
}
