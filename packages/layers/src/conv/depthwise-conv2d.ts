/** `DepthwiseConv2D`: per-channel 2-D convolution; `depthwise_kernel` is `[kh, kw, inChannels, depthMultiplier]`. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import { BaseConv, serializeOpt, type BaseConvArgs } from './base-conv.js';
import { channelAxis, dilateKernel } from './conv-utils.js';

export interface DepthwiseConv2DArgs extends Omit<BaseConvArgs, 'kernelInitializer' | 'kernelRegularizer' | 'kernelConstraint'> {
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
}

export class DepthwiseConv2D extends BaseConv {
  static override className = 'DepthwiseConv2D';
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  depthwiseKernel!: tf.Variable;

  constructor(kernelSize: number | number[], args: DepthwiseConv2DArgs = {}) {
    super(2, null, kernelSize, { ...args, groups: 1 }, { allowCausal: false });
    this.depthMultiplier = args.depthMultiplier ?? 1;
    if (!Number.isInteger(this.depthMultiplier) || this.depthMultiplier <= 0) {
      throw new ValueError(`Layer "${this.name}": invalid value for argument \`depth_multiplier\`. Expected a strictly positive integer. Received depth_multiplier=${args.depthMultiplier}.`);
    }
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer, 'glorot_uniform');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.depthwiseConstraint = getConstraint(args.depthwiseConstraint);
  }

  override build(inputShape: Shape): void {
    const inC = this.inputChannels(inputShape);
    this.checkBuildShape(inputShape);
    this.depthwiseKernel = this.addWeight({ name: 'depthwise_kernel', shape: [...this.kernelSize, inC, this.depthMultiplier], initializer: this.depthwiseInitializer, regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [inC * this.depthMultiplier], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    this.inputSpec = new InputSpec({ ndim: 4, axes: { [channelAxis(4, this.dataFormat)]: inC } });
    this.buildInputShape = inputShape;
    this.built = true;
  }

  protected override convolve(x: tf.Tensor): tf.Tensor {
    // tfjs has no gradients for dilated depthwise convolutions: use the zero-inserted kernel (same result)
    const k = this.dilationRate.some((d) => d > 1) ? dilateKernel(this.depthwiseKernel, this.dilationRate) : this.depthwiseKernel;
    return tf.depthwiseConv2d(x as tf.Tensor4D, k as tf.Tensor4D, this.strides as [number, number], this.padding as 'valid' | 'same', 'NHWC');
  }

  protected override outputChannels(inputShape: Shape): number | null {
    const c = inputShape[channelAxis(inputShape.length, this.dataFormat)];
    return c == null ? null : c * this.depthMultiplier;
  }

  override getConfig(): ConfigDict {
    const { filters: _f, ...base } = this.baseConfig();
    void _f;
    return {
      ...base,
      depth_multiplier: this.depthMultiplier,
      depthwise_initializer: serializeInitializer(this.depthwiseInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      depthwise_regularizer: serializeOpt(this.depthwiseRegularizer, serializeRegularizer),
      bias_regularizer: serializeOpt(this.biasRegularizer, serializeRegularizer),
      depthwise_constraint: serializeOpt(this.depthwiseConstraint, serializeConstraint),
      bias_constraint: serializeOpt(this.biasConstraint, serializeConstraint),
    };
  }

  static override fromConfig(config: ConfigDict): DepthwiseConv2D {
    return new DepthwiseConv2D(config.kernel_size as number[], camelizeKeys(config) as DepthwiseConv2DArgs);
  }
}
