/**
 * The dense projections inside MultiHeadAttention (Keras's `EinsumDense` sublayers): contract the last
 * `contract` input axes with a kernel `[...inputAxes, ...outShape]` and add a bias `[...outShape]`, as one
 * matmul on reshaped tensors.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { Initializer } from '../initializers/initializers.js';
import type { Regularizer } from '../regularizers/regularizers.js';
import type { Constraint } from '../constraints/constraints.js';

export interface HeadProjectionArgs extends LayerArgs {
  contract: number;
  outShape: number[];
  useBias: boolean;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | null;
  biasRegularizer: Regularizer | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
}

export class HeadProjection extends Layer {
  static override className = 'EinsumDense';
  readonly opts: HeadProjectionArgs;
  kernel!: tf.Variable;
  bias: tf.Variable | null = null;

  constructor(args: HeadProjectionArgs) {
    super(args);
    this.opts = args;
  }

  override build(inputShape: Shape): void {
    const o = this.opts;
    const inAxes = inputShape.slice(-o.contract);
    if (inAxes.some((d) => d == null)) throw new ValueError(`Layer "${this.name}": the last ${o.contract} input dimension(s) must be defined. Received: [${inputShape}]`);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...(inAxes as number[]), ...o.outShape], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    if (o.useBias) this.bias = this.addWeight({ name: 'bias', shape: o.outShape, initializer: o.biasInitializer, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const { contract, outShape } = this.opts;
    return tf.tidy(() => {
      const lead = x.shape.slice(0, x.rank - contract);
      const inSize = x.shape.slice(x.rank - contract).reduce((a, b) => a * b, 1);
      const outSize = outShape.reduce((a, b) => a * b, 1);
      // A reshaped bias is a view of the variable, which wasm's fused matmul misreads: add it apart.
      let y = tf.matMul(tf.reshape(x, [-1, inSize]), tf.reshape(this.kernel, [inSize, outSize]));
      if (this.bias) y = tf.add(y, tf.reshape(this.bias, [outSize]));
      return tf.reshape(y, [...lead, ...outShape]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, inputShape.length - this.opts.contract), ...this.opts.outShape];
  }
}
