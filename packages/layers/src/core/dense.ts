/** `Dense`: `activation(dot(input, kernel) + bias)` over the last axis. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import { activateRecordingLogits, getActivation, serializeActivation, relu, linear, type ActivationFn, type ActivationIdentifier } from '../activations/activations.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface DenseArgs extends LayerArgs {
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export class Dense extends Layer {
  static override className = 'Dense';
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel!: tf.Variable;
  bias: tf.Variable | null = null;

  constructor(units: number, args: DenseArgs = {}) {
    super(args);
    if (!Number.isInteger(units) || units <= 0) {
      throw new ValueError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${units}`);
    }
    this.units = units;
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer, 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.inputSpec = new InputSpec({ minNdim: 2 });
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim == null) throw new ValueError(`Layer "${this.name}": the last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: [${inputShape}]`);
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, this.units], initializer: this.kernelInitializer, regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.units], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: inputDim } });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const rank = x.rank;
      const flat = rank === 2 ? x : tf.reshape(x, [-1, x.shape[rank - 1]]);
      const input = flat.dtype === 'float32' ? flat : tf.cast(flat, 'float32');
      const fusedAct = this.activation === relu ? 'relu' : this.activation === linear ? 'linear' : null;
      let y: tf.Tensor;
      if (this.bias && input.dtype === 'float32' && this.kernel.dtype === 'float32') {
        // matmul + bias (+ ReLU) in one kernel, training included; other activations applied after.
        y = tf.denseWithBias(input as tf.Tensor2D, this.kernel as unknown as tf.Tensor2D, this.bias as unknown as tf.Tensor1D, fusedAct ?? 'linear');
        if (!fusedAct) y = rank === 2 ? activateRecordingLogits(this.activation, y, true) : this.activation(y);
      } else if (fusedAct) {
        y = tf.fused.matMul({ a: input as tf.Tensor2D, b: this.kernel as unknown as tf.Tensor2D, bias: this.bias ?? undefined, activation: fusedAct });
      } else {
        y = tf.matMul(input, this.kernel);
        if (this.bias) y = tf.add(y, this.bias);
        y = rank === 2 ? activateRecordingLogits(this.activation, y, true) : this.activation(y);
      }
      return rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: serializeActivation(this.activation),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: this.kernelRegularizer ? serializeRegularizer(this.kernelRegularizer) : null,
      bias_regularizer: this.biasRegularizer ? serializeRegularizer(this.biasRegularizer) : null,
      kernel_constraint: this.kernelConstraint ? serializeConstraint(this.kernelConstraint) : null,
      bias_constraint: this.biasConstraint ? serializeConstraint(this.biasConstraint) : null,
    };
  }

  static override fromConfig(config: ConfigDict): Dense {
    return new Dense(config.units as number, camelizeKeys(config) as DenseArgs);
  }
}
