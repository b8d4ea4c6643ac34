/** Hinge loss classes: Hinge, SquaredHinge, CategoricalHinge. */
import { LossFunctionWrapper, type LossOptions } from './loss.js';
import * as fns from './hinge-fns.js';

export class Hinge extends LossFunctionWrapper {
  static override className = 'Hinge';
  constructor(options: LossOptions = {}) {
    super((t, p) => fns.hinge(t, p), { name: 'hinge', ...options });
  }
}

export class SquaredHinge extends LossFunctionWrapper {
  static override className = 'SquaredHinge';
  constructor(options: LossOptions = {}) {
    super((t, p) => fns.squaredHinge(t, p), { name: 'squared_hinge', ...options });
  }
}

export class CategoricalHinge extends LossFunctionWrapper {
  static override className = 'CategoricalHinge';
  constructor(options: LossOptions = {}) {
    super((t, p) => fns.categoricalHinge(t, p), { name: 'categorical_hinge', ...options });
  }
}
