/**
 * `BatchNormalization` (tf.keras 2 semantics). Training: normalizes with the batch's moments and updates
 * `moving_mean`/`moving_variance` as `moving * momentum + batch * (1 - momentum)`; inference: uses the moving
 * statistics. A frozen layer (`trainable = false`) always runs in inference mode, as tf.keras 2 does. Where
 * tf.keras 2 takes its fused kernel (rank-4 input normalized on axis 1 or 3, rank 5 on axis 1 or 4) the moving
 * variance is updated with the Bessel-corrected (unbiased) batch variance, exactly as TF's fused kernel does;
 * `fused: false` (or other ranks) uses the biased variance.
 */
import * as tf from '@keras-ts/tensor';
import { NotImplementedError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import { broadcastShape, dimsAt, normalizeAxes } from './norm-utils.js';

export interface BatchNormalizationArgs extends LayerArgs {
  axis?: number | number[];
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
  /** tf.keras 2's `fused`: null/undefined = use the fused semantics where tf.keras 2 would. */
  fused?: boolean | null;
  renorm?: boolean;
  virtualBatchSize?: number | null;
  synchronized?: boolean;
}

const opt = <T>(v: T | null, f: (v: T) => unknown) => (v ? f(v) : null);

export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  axis: number | number[];
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly fused: boolean | null;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: tf.Variable | null = null;
  beta: tf.Variable | null = null;
  movingMean!: tf.Variable;
  movingVariance!: tf.Variable;
  private axes: number[] = [];

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    if (args.renorm) throw new NotImplementedError(`Layer "${this.name}": BatchNormalization with renorm=True is not supported.`);
    if (args.virtualBatchSize != null) throw new NotImplementedError(`Layer "${this.name}": BatchNormalization with virtual_batch_size is not supported.`);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.fused = args.fused ?? null;
    this.betaInitializer = getInitializer(args.betaInitializer, 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer, 'ones');
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer, 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer, 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const ndim = inputShape.length;
    this.axes = normalizeAxes(this.axis, ndim, this.name);
    const dims = dimsAt(inputShape, this.axes, this.name);
    const paramShape = this.axes.length === 1 ? [dims[0]] : broadcastShape(inputShape, this.axes);
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape: paramShape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape: paramShape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    this.movingMean = this.addWeight({ name: 'moving_mean', shape: paramShape, initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape: paramShape, initializer: this.movingVarianceInitializer, trainable: false });
    const axes: Record<number, number> = {};
    this.axes.forEach((a, i) => (axes[a] = dims[i]));
    this.inputSpec = new InputSpec({ ndim, axes });
    this.axis = [...this.axes];
    super.build(inputShape);
  }

  /** Whether tf.keras 2 would take its fused kernel (which updates the moving variance with the unbiased one). */
  private usesFusedSemantics(rank: number): boolean {
    if (this.fused === false) return false;
    const a = this.axes;
    return a.length === 1 && ((rank === 4 && (a[0] === 1 || a[0] === 3)) || (rank === 5 && (a[0] === 1 || a[0] === 4)));
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const training = (kwargs.training ?? false) && this.trainable;
    const bshape = broadcastShape(x.shape, this.axes);
    const reduce = x.shape.map((_, i) => i).filter((i) => !this.axes.includes(i));
    const b = (t: tf.Tensor) => tf.reshape(t, bshape);
    return tf.tidy(() => {
      let mean: tf.Tensor;
      let variance: tf.Tensor;
      if (training) {
        ({ mean, variance } = tf.moments(x, reduce, true));
        this.updateMovingStats(x, mean, variance, reduce);
      } else {
        mean = b(this.movingMean);
        variance = b(this.movingVariance);
      }
      let inv = tf.rsqrt(tf.add(variance, this.epsilon));
      if (this.gamma) inv = tf.mul(inv, b(this.gamma));
      let shift = tf.neg(tf.mul(mean, inv));
      if (this.beta) shift = tf.add(shift, b(this.beta));
      return tf.add(tf.mul(x, inv), shift);
    });
  }

  private updateMovingStats(x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, reduce: number[]): void {
    tf.tidy(() => {
      const n = reduce.reduce((p, i) => p * x.shape[i], 1);
      const pshape = this.movingMean.shape;
      let v = tf.reshape(variance, pshape);
      if (this.usesFusedSemantics(x.rank) && n > 1) v = tf.mul(v, n / (n - 1));
      const m = tf.reshape(mean, pshape);
      const decay = 1 - this.momentum;
      this.movingMean.assign(tf.sub(this.movingMean, tf.mul(tf.sub(this.movingMean, m), decay)));
      this.movingVariance.assign(tf.sub(this.movingVariance, tf.mul(tf.sub(this.movingVariance, v), decay)));
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      moving_mean_initializer: serializeInitializer(this.movingMeanInitializer),
      moving_variance_initializer: serializeInitializer(this.movingVarianceInitializer),
      beta_regularizer: opt(this.betaRegularizer, serializeRegularizer),
      gamma_regularizer: opt(this.gammaRegularizer, serializeRegularizer),
      beta_constraint: opt(this.betaConstraint, serializeConstraint),
      gamma_constraint: opt(this.gammaConstraint, serializeConstraint),
    };
  }

  static override fromConfig(config: ConfigDict): BatchNormalization {
    return new BatchNormalization(camelizeKeys(config) as BatchNormalizationArgs);
  }
}
