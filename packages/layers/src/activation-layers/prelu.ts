/**
 * `PReLU`: `relu(x) - alpha * relu(-x)` with a learned `alpha` of shape `inputShape[1:]`, shared (size 1) along
 * the 1-indexed `sharedAxes`.
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

export interface PReLUArgs extends LayerArgs {
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  sharedAxes?: number | number[] | null;
}

export class PReLU extends Layer {
  static override className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha!: tf.Variable;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer, 'zeros');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer);
    this.alphaConstraint = getConstraint(args.alphaConstraint);
    const s = args.sharedAxes;
    this.sharedAxes = s == null ? null : Array.isArray(s) ? [...s] : [s];
    if (this.sharedAxes?.some((a) => !Number.isInteger(a) || a < 1)) {
      throw new ValueError(`Layer "${this.name}": \`shared_axes\` must be positive (1-indexed, the batch axis cannot be shared). Received: shared_axes=${JSON.stringify(s)}`);
    }
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const paramShape = inputShape.slice(1);
    for (const a of this.sharedAxes ?? []) {
      if (a >= inputShape.length) throw new ValueError(`Layer "${this.name}": shared axis ${a} is out of range for inputs of shape ${JSON.stringify(inputShape)}.`);
      paramShape[a - 1] = 1;
    }
    if (paramShape.some((d) => d == null)) {
      throw new ValueError(`Layer "${this.name}": PReLU needs defined dimensions for every non-shared axis. Received input shape ${JSON.stringify(inputShape)}; share the undefined axes with \`sharedAxes\`.`);
    }
    this.alpha = this.addWeight({ name: 'alpha', shape: paramShape as number[], initializer: this.alphaInitializer, regularizer: this.alphaRegularizer, constraint: this.alphaConstraint });
    const axes: Record<number, number> = {};
    for (let i = 1; i < inputShape.length; i++) if (!this.sharedAxes?.includes(i)) axes[i] = inputShape[i] as number;
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.sub(tf.relu(x), tf.mul(this.alpha, tf.relu(tf.neg(x)))));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      alpha_initializer: serializeInitializer(this.alphaInitializer),
      alpha_regularizer: this.alphaRegularizer ? serializeRegularizer(this.alphaRegularizer) : null,
      alpha_constraint: this.alphaConstraint ? serializeConstraint(this.alphaConstraint) : null,
      shared_axes: this.sharedAxes,
    };
  }

  static override fromConfig(config: ConfigDict): PReLU {
    return new PReLU(camelizeKeys(config) as PReLUArgs);
  }
}
