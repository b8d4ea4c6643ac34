/**
 * `BaseSeparableConv`: SeparableConv1D/2D — a depthwise convolution (`depthwise_kernel`
 * `[...kernelSize, inChannels, depthMultiplier]`) followed by a 1x1 pointwise one (`pointwise_kernel`
 * `[...ones, inChannels * depthMultiplier, filters]`). The 1-D layer runs as 2-D over a unit height, as Keras does.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import { BaseConv, causalPad, serializeOpt, type BaseConvArgs } from './base-conv.js';
import { channelAxis, dilateKernel } from './conv-utils.js';

export interface SeparableConvArgs extends Omit<BaseConvArgs, 'kernelInitializer' | 'kernelRegularizer' | 'kernelConstraint' | 'groups'> {
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  pointwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
}

export abstract class BaseSeparableConv extends BaseConv {
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly pointwiseRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly pointwiseConstraint: Constraint | null;
  depthwiseKernel!: tf.Variable;
  pointwiseKernel!: tf.Variable;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: SeparableConvArgs) {
    super(rank, filters, kernelSize, { ...args, groups: 1 }, { allowCausal: rank === 1 });
    this.depthMultiplier = args.depthMultiplier ?? 1;
    if (!Number.isInteger(this.depthMultiplier) || this.depthMultiplier <= 0) {
      throw new ValueError(`Layer "${this.name}": invalid value for argument \`depth_multiplier\`. Expected a strictly positive integer. Received depth_multiplier=${args.depthMultiplier}.`);
    }
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer, 'glorot_uniform');
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer, 'glorot_uniform');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer);
    this.depthwiseConstraint = getConstraint(args.depthwiseConstraint);
    this.pointwiseConstraint = getConstraint(args.pointwiseConstraint);
  }

  override build(inputShape: Shape): void {
    const inC = this.inputChannels(inputShape);
    this.checkBuildShape(inputShape);
    const ones = new Array<number>(this.rank).fill(1);
    this.depthwiseKernel = this.addWeight({ name: 'depthwise_kernel', shape: [...this.kernelSize, inC, this.depthMultiplier], initializer: this.depthwiseInitializer, regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint });
    this.pointwiseKernel = this.addWeight({ name: 'pointwise_kernel', shape: [...ones, inC * this.depthMultiplier, this.filters], initializer: this.pointwiseInitializer, regularizer: this.pointwiseRegularizer, constraint: this.pointwiseConstraint });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes: { [channelAxis(this.rank + 2, this.dataFormat)]: inC } });
    this.buildInputShape = inputShape;
    this.built = true;
  }

  protected override convolve(x: tf.Tensor): tf.Tensor {
    let input = x;
    let padding = this.padding;
    if (padding === 'causal') {
      input = causalPad(input, this.kernelSize[0], this.dilationRate[0]);
      padding = 'valid';
    }
    const is1d = this.rank === 1;
    const x4 = (is1d ? tf.expandDims(input, 1) : input) as tf.Tensor4D;
    const dk = (is1d ? tf.expandDims(this.depthwiseKernel, 0) : this.depthwiseKernel) as tf.Tensor4D;
    const pk = (is1d ? tf.expandDims(this.pointwiseKernel, 0) : this.pointwiseKernel) as tf.Tensor4D;
    const strides = (is1d ? [1, this.strides[0]] : this.strides) as [number, number];
    const dilation = (is1d ? [1, this.dilationRate[0]] : this.dilationRate) as [number, number];
    // tfjs has no gradients for dilated depthwise convolutions: use the zero-inserted kernel (same result)
    const dkd = dilation.some((d) => d > 1) ? (dilateKernel(dk, dilation) as tf.Tensor4D) : dk;
    const depthwise = tf.depthwiseConv2d(x4, dkd, strides, padding as 'valid' | 'same', 'NHWC');
    const y = tf.conv2d(depthwise, pk, 1, 'valid');
    return is1d ? tf.squeeze(y, [1]) : y;
  }

  override getConfig(): ConfigDict {
    const { groups: _g, ...base } = this.baseConfig();
    void _g;
    return {
      ...base,
      depth_multiplier: this.depthMultiplier,
      depthwise_initializer: serializeInitializer(this.depthwiseInitializer),
      pointwise_initializer: serializeInitializer(this.pointwiseInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      depthwise_regularizer: serializeOpt(this.depthwiseRegularizer, serializeRegularizer),
      pointwise_regularizer: serializeOpt(this.pointwiseRegularizer, serializeRegularizer),
      bias_regularizer: serializeOpt(this.biasRegularizer, serializeRegularizer),
      depthwise_constraint: serializeOpt(this.depthwiseConstraint, serializeConstraint),
      pointwise_constraint: serializeOpt(this.pointwiseConstraint, serializeConstraint),
      bias_constraint: serializeOpt(this.biasConstraint, serializeConstraint),
    };
  }
}
