/**
 * The Loss base class (`keras.losses.Loss`) and `LossFunctionWrapper`, which turns a per-sample loss function
 * into a Loss. `call(yTrue, yPred)` gives per-sample losses; `apply(yTrue, yPred, sampleWeight)` weights and
 * reduces them (Python's `__call__`).
 */
import * as tf from '@keras-ts/tensor';
import { type ConfigDict, camelToSnake, camelizeKeys, checkDtype, checkKeys, snakeKeys } from '../internal/config.js';
import { squeezeLabels, withShapeContext } from '../internal/shapes.js';
import { type Reduction, reduceWeightedValues, standardizeReduction } from './reduction.js';

export interface LossOptions {
  /** 'sum_over_batch_size' (default; tf.keras 2's 'auto'), 'sum', 'none', 'mean', 'mean_with_sample_weight'. */
  reduction?: Reduction | 'auto' | null;
  name?: string;
}

/** A per-sample loss function: `(yTrue, yPred) => losses`. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export abstract class Loss {
  /** The Keras class name, used in configs. */
  static className = 'Loss';
  readonly name: string;
  readonly reduction: Reduction;

  constructor(options: LossOptions = {}) {
    this.name = options.name ?? camelToSnake((new.target as unknown as { className: string }).className ?? new.target.name);
    this.reduction = standardizeReduction(options.reduction, `${new.target.name}`);
  }

  /** Per-sample losses (no weighting, no reduction). */
  abstract call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;

  /** Per-sample losses and an optional validity mask (entries whose mask is false do not count). */
  callWithMask(yTrue: tf.Tensor, yPred: tf.Tensor): { losses: tf.Tensor; mask?: tf.Tensor } {
    return { losses: this.call(yTrue, yPred) };
  }

  /**
   * The weighted, reduced loss (Python's `loss(y_true, y_pred, sample_weight)`). `options.mask` is the
   * prediction's Keras mask (e.g. from a Masking layer): masked-out entries do not count, and
   * 'sum_over_batch_size' averages over the valid entries, as tf.keras 2 does with `y_pred._keras_mask`.
   * Caller owns the result.
   */
  apply(
    yTrue: tf.Tensor | tf.TensorLike,
    yPred: tf.Tensor | tf.TensorLike,
    sampleWeight?: tf.Tensor | tf.TensorLike | null,
    options: { mask?: tf.Tensor } = {},
  ): tf.Tensor {
    return tf.tidy(() => {
      const t = yTrue instanceof tf.Tensor ? yTrue : tf.tensor(yTrue as number[]);
      const p = yPred instanceof tf.Tensor ? yPred : tf.tensor(yPred as number[]);
      const { losses, mask: outMask } = this.callWithMask(t, p);
      let mask = outMask;
      if (options.mask) {
        const inMask = tf.cast(options.mask, 'bool');
        if (inMask.rank !== losses.rank || inMask.shape.some((d, i) => d !== losses.shape[i])) {
          throw new tf.ShapeError(`${this.name}: mask of shape [${inMask.shape}] does not match the per-sample losses of shape [${losses.shape}].`);
        }
        mask = mask ? tf.logicalAnd(tf.cast(mask, 'bool'), inMask) : inMask;
      }
      let weight = sampleWeight == null ? undefined : tf.cast(sampleWeight instanceof tf.Tensor ? sampleWeight : tf.tensor(sampleWeight as number[]), 'float32');
      if (mask) {
        let m = tf.cast(mask, 'float32');
        if (this.reduction === 'sum_over_batch_size' || this.reduction === 'mean') {
          // Valid entries weigh total/valid, so that the mean runs over the valid entries only.
          m = tf.mul(m, tf.divNoNan(tf.scalar(m.size), tf.sum(m)));
        }
        weight = weight === undefined ? m : tf.mul(m, weight.rank === m.rank - 1 ? tf.expandDims(weight, -1) : weight);
      }
      return reduceWeightedValues(tf.cast(losses, 'float32'), weight, this.reduction);
    });
  }

  getConfig(): ConfigDict {
    return { name: this.name, reduction: this.reduction };
  }

  /** Rebuilds a loss from its Keras config (snake_case keys). */
  static fromConfig<L extends Loss>(this: new (options: never) => L, config: ConfigDict): L {
    const { dtype, fn, ...rest } = config;
    void fn;
    checkDtype(dtype, (this as unknown as { className: string }).className);
    return new this(camelizeKeys(rest) as never);
  }
}

/** Wraps a loss function and its keyword arguments (camelCase) as a `Loss`. */
export class LossFunctionWrapper<K extends object = object> extends Loss {
  static override className = 'LossFunctionWrapper';
  readonly fn: (yTrue: tf.Tensor, yPred: tf.Tensor, kwargs: K) => tf.Tensor;
  readonly fnKwargs: K;

  /**
   * @param fn the per-sample loss
   * @param options name, reduction, and `fn`'s keyword arguments; `defaults` lists every argument `fn` takes.
   */
  constructor(
    fn: (yTrue: tf.Tensor, yPred: tf.Tensor, kwargs: K) => tf.Tensor,
    options: LossOptions & Partial<K> & { dtype?: unknown } = {},
    defaults: K = {} as K,
  ) {
    super(options);
    const { name, reduction, dtype, ...rest } = options as LossOptions & { dtype?: unknown };
    void name;
    void reduction;
    const cls = (new.target as unknown as { className: string }).className;
    checkDtype(dtype, cls);
    checkKeys(rest, Object.keys(defaults), cls);
    this.fn = fn;
    this.fnKwargs = { ...defaults, ...(rest as Partial<K>) } as K;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [t, p] = squeezeLabels(yTrue, yPred);
      return withShapeContext(this.name, yTrue, yPred, () => this.fn(t, p, this.fnKwargs));
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), ...snakeKeys(this.fnKwargs as ConfigDict) };
  }
}
