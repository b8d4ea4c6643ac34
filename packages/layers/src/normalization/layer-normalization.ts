/**
 * `LayerNormalization`: normalizes each sample over `axis` (default the last), then applies `gamma`/`beta`
 * (shape: the input dims at `axis`). Keras 3's `rms_scaling` (`x / sqrt(var + epsilon) * gamma`, no beta) is supported.
 */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import { broadcastShape, dimsAt, normalizeAxes } from './norm-utils.js';

export interface LayerNormalizationArgs extends LayerArgs {
  axis?: number | number[];
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  rmsScaling?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

const opt = <T>(v: T | null, f: (v: T) => unknown) => (v ? f(v) : null);

export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly rmsScaling: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: tf.Variable | null = null;
  beta: tf.Variable | null = null;
  private axes: number[] = [];

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.rmsScaling = args.rmsScaling ?? false;
    this.betaInitializer = getInitializer(args.betaInitializer, 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer, 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    this.axes = normalizeAxes(this.axis, inputShape.length, this.name);
    const shape = dimsAt(inputShape, this.axes, this.name);
    if (this.scale || this.rmsScaling) this.gamma = this.addWeight({ name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center && !this.rmsScaling) this.beta = this.addWeight({ name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    this.axis = [...this.axes];
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const sorted = [...this.axes].sort((a, b) => a - b);
      const bshape = broadcastShape(x.shape, sorted);
      // as Keras: the parameters (shape: dims at `axis`, in `axis` order) are reshaped to the broadcast shape
      const b = (t: tf.Tensor) => tf.reshape(t, bshape);
      if (this.rmsScaling) {
        // Keras 3's (deprecated) rms_scaling divides by the standard deviation, not the root mean square
        const { variance } = tf.moments(x, sorted, true);
        const y = tf.mul(x, tf.rsqrt(tf.add(variance, this.epsilon)));
        return this.gamma ? tf.mul(y, b(this.gamma)) : y;
      }
      const { mean, variance } = tf.moments(x, sorted, true);
      let inv = tf.rsqrt(tf.add(variance, this.epsilon));
      if (this.gamma) inv = tf.mul(inv, b(this.gamma));
      let shift = tf.neg(tf.mul(mean, inv));
      if (this.beta) shift = tf.add(shift, b(this.beta));
      return tf.add(tf.mul(x, inv), shift);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {
      ...super.getConfig(),
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      beta_regularizer: opt(this.betaRegularizer, serializeRegularizer),
      gamma_regularizer: opt(this.gammaRegularizer, serializeRegularizer),
      beta_constraint: opt(this.betaConstraint, serializeConstraint),
      gamma_constraint: opt(this.gammaConstraint, serializeConstraint),
    };
    if (this.rmsScaling) config.rms_scaling = true;
    return config;
  }

  static override fromConfig(config: ConfigDict): LayerNormalization {
    return new LayerNormalization(camelizeKeys(config) as LayerNormalizationArgs);
  }
}
