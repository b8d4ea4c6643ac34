/**
 * Probabilistic loss classes: BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
 * SparseCategoricalCrossentropy, KLDivergence, Poisson.
 */
import * as tfc from '@keras-ts/tensor';
import type * as tf from '@keras-ts/tensor';
import { LossFunctionWrapper, type LossOptions } from './loss.js';
import * as fns from './probabilistic-fns.js';
import { squeezeLabels } from '../internal/shapes.js';

type Xent = Required<fns.CrossentropyOptions>;
const XENT_DEFAULTS: Xent = { fromLogits: false, labelSmoothing: 0, axis: -1 };

export interface CrossentropyLossOptions extends LossOptions, fns.CrossentropyOptions {}

export class BinaryCrossentropy extends LossFunctionWrapper<Xent> {
  static override className = 'BinaryCrossentropy';
  constructor(options: CrossentropyLossOptions = {}) {
    super((t, p, k) => fns.binaryCrossentropy(t, p, k), { name: 'binary_crossentropy', ...options }, { ...XENT_DEFAULTS });
  }
}

type Focal = Required<fns.BinaryFocalOptions>;
export interface BinaryFocalCrossentropyOptions extends LossOptions, fns.BinaryFocalOptions {}

export class BinaryFocalCrossentropy extends LossFunctionWrapper<Focal> {
  static override className = 'BinaryFocalCrossentropy';
  constructor(options: BinaryFocalCrossentropyOptions = {}) {
    super((t, p, k) => fns.binaryFocalCrossentropy(t, p, k), { name: 'binary_focal_crossentropy', ...options }, {
      applyClassBalancing: false,
      alpha: 0.25,
      gamma: 2.0,
      ...XENT_DEFAULTS,
    });
  }
}

export class CategoricalCrossentropy extends LossFunctionWrapper<Xent> {
  static override className = 'CategoricalCrossentropy';
  constructor(options: CrossentropyLossOptions = {}) {
    super((t, p, k) => fns.categoricalCrossentropy(t, p, k), { name: 'categorical_crossentropy', ...options }, { ...XENT_DEFAULTS });
  }
}

type CatFocal = Required<fns.CategoricalFocalOptions>;
export interface CategoricalFocalCrossentropyOptions extends LossOptions, fns.CategoricalFocalOptions {}

export class CategoricalFocalCrossentropy extends LossFunctionWrapper<CatFocal> {
  static override className = 'CategoricalFocalCrossentropy';
  constructor(options: CategoricalFocalCrossentropyOptions = {}) {
    super((t, p, k) => fns.categoricalFocalCrossentropy(t, p, k), { name: 'categorical_focal_crossentropy', ...options }, {
      alpha: 0.25,
      gamma: 2.0,
      ...XENT_DEFAULTS,
    });
  }
}

type Sparse = { fromLogits: boolean; ignoreClass: number | null };
export interface SparseCategoricalCrossentropyOptions extends LossOptions {
  fromLogits?: boolean;
  /** A label value whose entries are ignored (loss 0, left out of the mean), e.g. a "void" class. */
  ignoreClass?: number | null;
}

export class SparseCategoricalCrossentropy extends LossFunctionWrapper<Sparse> {
  static override className = 'SparseCategoricalCrossentropy';
  constructor(options: SparseCategoricalCrossentropyOptions = {}) {
    super((t, p, k) => fns.sparseCategoricalCrossentropy(t, p, k), { name: 'sparse_categorical_crossentropy', ...options }, {
      fromLogits: false,
      ignoreClass: null,
    });
  }

  override callWithMask(yTrue: tf.Tensor, yPred: tf.Tensor): { losses: tf.Tensor; mask?: tf.Tensor } {
    return tfc.tidy(() => {
      const [t, p] = yTrue.rank === yPred.rank - 1 ? [yTrue, yPred] : squeezeLabels(yTrue, yPred);
      return fns.sparseCategoricalCrossentropyMasked(t, p, this.fnKwargs) as { losses: tf.Tensor; mask?: tf.Tensor };
    });
  }
}

export class KLDivergence extends LossFunctionWrapper {
  static override className = 'KLDivergence';
  constructor(options: LossOptions = {}) {
    super((t, p) => fns.klDivergence(t, p), { name: 'kl_divergence', ...options });
  }
}

export class Poisson extends LossFunctionWrapper {
  static override className = 'Poisson';
  constructor(options: LossOptions = {}) {
    super((t, p) => fns.poisson(t, p), { name: 'poisson', ...options });
  }
}
