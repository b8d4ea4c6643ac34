/**
 * `BaseConv`: the shared lifecycle of Conv1D/2D/3D (Keras's `Conv` base): argument validation, `kernel`/`bias`
 * weights of shape `[...kernelSize, inChannels / groups, filters]`, channels_first handled by transposing to
 * channels_last around the op, `causal` padding for rank 1, grouped convolution by channel split.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import { getActivation, serializeActivation, relu, linear, type ActivationFn, type ActivationIdentifier } from '../activations/activations.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict } from '../serialization/registry.js';
import {
  checkDataFormat, checkPadding, tupleArg, convOutputLength, spatialDims, channelAxis, withSpatial, toChannelsLast, toChannelsFirst,
  dilateKernel, checkOutputSize, convTransposeViaConv, conv3dFilterGrad, type ConvPadding, type DataFormat,
} from './conv-utils.js';

export interface BaseConvArgs extends LayerArgs {
  strides?: number | number[];
  padding?: ConvPadding;
  dataFormat?: DataFormat | null;
  dilationRate?: number | number[];
  groups?: number;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export function serializeOpt<T>(v: T | null, fn: (v: T) => unknown): unknown {
  return v ? fn(v) : null;
}

/** Runs a channels_last convolution of rank 1–3 with an already laid-out kernel (no groups). */
export function convND(x: tf.Tensor, kernel: tf.Tensor, strides: number[], padding: 'valid' | 'same', dilation: number[]): tf.Tensor {
  const rank = x.rank - 2;
  // tfjs has no gradients for dilated convolutions: convolve with the zero-inserted kernel instead (same result)
  const k = dilation.some((d) => d > 1) ? dilateKernel(kernel, dilation) : kernel;
  if (rank === 1) return tf.conv1d(x as tf.Tensor3D, k as tf.Tensor3D, strides[0], padding, 'NWC');
  if (rank === 2) return tf.conv2d(x as tf.Tensor4D, k as tf.Tensor4D, strides as [number, number], padding, 'NHWC');
  return conv3dSafeGrad(x as tf.Tensor5D, k as tf.Tensor5D, strides, padding);
}

/**
 * `tf.conv3d` whose input gradient is computed as a transposed convolution built from forward convolutions
 * (the wasm backend's Conv3DBackpropInputV2 gives wrong results), and the filter gradient as a forward one too.
 */
export function conv3dSafeGrad(x: tf.Tensor5D, kernel: tf.Tensor5D, strides: number[], padding: 'valid' | 'same'): tf.Tensor5D {
  const s = strides as [number, number, number];
  const f = tf.customGrad(((xi: tf.Tensor, ki: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, ki]);
    return {
      value: tf.conv3d(xi as tf.Tensor5D, ki as tf.Tensor5D, s, padding, 'NDHWC'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved;
        const dx = convTransposeViaConv(dy, ks, xs.shape.slice(1, 4), strides, padding);
        const dk = conv3dFilterGrad(xs, dy, ks.shape, strides, padding);
        return [dx, dk];
      },
    };
  }) as never);
  return f(x, kernel) as tf.Tensor5D;
}

/** Pads the first spatial axis on the left for `causal` padding (channels_last). */
export function causalPad(x: tf.Tensor, kernel: number, dilation: number): tf.Tensor {
  const left = dilation * (kernel - 1);
  return tf.pad(x, x.shape.map((_, i) => (i === 1 ? [left, 0] : [0, 0])) as Array<[number, number]>);
}

export abstract class BaseConv extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly groups: number;
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

  constructor(rank: number, filters: number | null, kernelSize: number | number[], args: BaseConvArgs, opts: { allowCausal?: boolean } = {}) {
    super(args);
    this.rank = rank;
    if (filters !== null && (!Number.isInteger(filters) || filters <= 0)) {
      throw new ValueError(`Layer "${this.name}": invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`);
    }
    this.filters = filters ?? 0;
    this.kernelSize = tupleArg(kernelSize, rank, 'kernel_size', this.name);
    this.strides = tupleArg(args.strides ?? 1, rank, 'strides', this.name);
    this.padding = checkPadding(args.padding, this.name, opts.allowCausal ?? rank === 1);
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.dilationRate = tupleArg(args.dilationRate ?? 1, rank, 'dilation_rate', this.name);
    this.groups = args.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new ValueError(`Layer "${this.name}": the number of groups must be a positive integer. Received: groups=${args.groups}.`);
    }
    if (filters !== null && this.filters % this.groups !== 0) {
      throw new ValueError(`Layer "${this.name}": the number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}.`);
    }
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ValueError(`Layer "${this.name}": \`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${JSON.stringify(this.strides)} and dilation_rate=${JSON.stringify(this.dilationRate)}`);
    }
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer, 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  /** The input channel count, with Keras's error when it is undefined. */
  protected inputChannels(inputShape: Shape): number {
    const c = inputShape[channelAxis(inputShape.length, this.dataFormat)];
    if (c == null) {
      throw new ValueError(`Layer "${this.name}": the channel dimension of the inputs should be defined. Found None. Full input shape received: ${JSON.stringify(inputShape)}`);
    }
    return c;
  }

  /** Checks the spatial output size (kernel larger than a `valid` input) at build time. */
  protected checkBuildShape(inputShape: Shape): void {
    const out = this.computeOutputShape(inputShape) as Shape;
    checkOutputSize(this.name, inputShape, spatialDims(inputShape, this.dataFormat), spatialDims(out, this.dataFormat), this.kernelSize, this.dilationRate);
  }

  override build(inputShape: Shape): void {
    const inC = this.inputChannels(inputShape);
    if (inC % this.groups !== 0) {
      throw new ValueError(`Layer "${this.name}": the number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${inC} channels (full input shape is ${JSON.stringify(inputShape)}).`);
    }
    this.checkBuildShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, inC / this.groups, this.filters], initializer: this.kernelInitializer, regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes: { [channelAxis(this.rank + 2, this.dataFormat)]: inC } });
    super.build(inputShape);
  }

  /** The convolution proper on channels_last input (before bias and activation). */
  protected convolve(x: tf.Tensor): tf.Tensor {
    let input = x;
    let padding = this.padding;
    if (padding === 'causal') {
      input = causalPad(input, this.kernelSize[0], this.dilationRate[0]);
      padding = 'valid';
    }
    const pad = padding as 'valid' | 'same';
    if (this.groups === 1) return convND(input, this.kernel, this.strides, pad, this.dilationRate);
    const xs = tf.split(input, this.groups, input.rank - 1);
    const ks = tf.split(this.kernel, this.groups, this.kernel.rank - 1);
    return tf.concat(xs.map((xi, i) => convND(xi, ks[i], this.strides, pad, this.dilationRate)), input.rank - 1);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const cl = this.dataFormat === 'channels_first' ? toChannelsLast(x) : x;
      const fused = this.fusedActivation(cl);
      if (fused) {
        const y = tf.conv2dWithBias(cl as tf.Tensor4D, this.kernel as unknown as tf.Tensor4D, this.bias as unknown as tf.Tensor1D, {
          strides: this.strides as [number, number],
          pad: this.padding as 'valid' | 'same',
          activation: fused,
        });
        return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
      }
      let y = this.convolve(cl);
      if (this.bias) y = tf.add(y, this.bias);
      y = this.activation(y);
      return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
    });
  }

  /**
   * 'relu' or 'linear' when this call can run as one fused convolution (2D, float32, one group, no dilation,
   * with a bias and a ReLU or no activation); null otherwise. Layers that convolve differently (depthwise,
   * separable, or a subclass overriding `convolve`) never take this path.
   */
  protected fusedActivation(x: tf.Tensor): 'relu' | 'linear' | null {
    if (this.convolve !== BaseConv.prototype.convolve || x.rank !== 4 || this.kernel.rank !== 4) return null;
    if (x.dtype !== 'float32' || !this.bias) return null;
    if (this.groups !== 1 || this.dilationRate.some((d) => d !== 1) || this.padding === 'causal') return null;
    return this.activation === relu ? 'relu' : this.activation === linear ? 'linear' : null;
  }

  /** Output channels (filters, or in*depth_multiplier for depthwise). */
  protected outputChannels(inputShape: Shape): number | null {
    void inputShape;
    return this.filters;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const spatial = spatialDims(inputShape, this.dataFormat).map((d, i) => convOutputLength(d, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]));
    return withSpatial(inputShape, spatial, this.outputChannels(inputShape), this.dataFormat);
  }

  protected baseConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      groups: this.groups,
      activation: serializeActivation(this.activation),
      use_bias: this.useBias,
    };
  }

  override getConfig(): ConfigDict {
    return {
      ...this.baseConfig(),
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: serializeOpt(this.kernelRegularizer, serializeRegularizer),
      bias_regularizer: serializeOpt(this.biasRegularizer, serializeRegularizer),
      kernel_constraint: serializeOpt(this.kernelConstraint, serializeConstraint),
      bias_constraint: serializeOpt(this.biasConstraint, serializeConstraint),
    };
  }
}
