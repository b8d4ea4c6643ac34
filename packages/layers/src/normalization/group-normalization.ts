/**
 * `GroupNormalization`: splits the channels (`axis`) into `groups` and normalizes each sample's group over the
 * group's channels and all spatial positions; `gamma`/`beta` have one value per channel.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import { dimsAt, normalizeAxes } from './norm-utils.js';

export interface GroupNormalizationArgs extends LayerArgs {
  groups?: number;
  axis?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

const opt = <T>(v: T | null, f: (v: T) => unknown) => (v ? f(v) : null);

export class GroupNormalization extends Layer {
  static override className = 'GroupNormalization';
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: tf.Variable | null = null;
  beta: tf.Variable | null = null;
  private channelAxis = -1;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    this.groups = args.groups ?? 32;
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new ValueError(`Layer "${this.name}": \`groups\` must be a positive integer. Received: groups=${args.groups}`);
    }
    this.axis = args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer, 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer, 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const [axis] = normalizeAxes(this.axis, inputShape.length, this.name);
    const [dim] = dimsAt(inputShape, [axis], this.name);
    if (dim < this.groups) {
      throw new ValueError(`Layer "${this.name}": number of groups (${this.groups}) cannot be more than the number of channels (${dim}).`);
    }
    if (dim % this.groups !== 0) {
      throw new ValueError(`Layer "${this.name}": number of groups (${this.groups}) must be a multiple of the number of channels (${dim}).`);
    }
    this.channelAxis = axis;
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes: { [axis]: dim } });
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape: [dim], initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape: [dim], initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const a = this.channelAxis;
      const c = x.shape[a];
      const grouped = [...x.shape.slice(0, a), this.groups, c / this.groups, ...x.shape.slice(a + 1)];
      const g = tf.reshape(x, grouped);
      const reduce = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== a);
      const { mean, variance } = tf.moments(g, reduce, true);
      const pshape = grouped.map((d, i) => (i === a || i === a + 1 ? d : 1));
      let inv = tf.rsqrt(tf.add(variance, this.epsilon));
      if (this.gamma) inv = tf.mul(inv, tf.reshape(this.gamma, pshape));
      let shift = tf.neg(tf.mul(mean, inv));
      if (this.beta) shift = tf.add(shift, tf.reshape(this.beta, pshape));
      return tf.reshape(tf.add(tf.mul(g, inv), shift), x.shape);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      groups: this.groups,
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
  }

  static override fromConfig(config: ConfigDict): GroupNormalization {
    return new GroupNormalization(camelizeKeys(config) as GroupNormalizationArgs);
  }
}
