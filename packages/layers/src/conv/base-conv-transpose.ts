/**
 * `BaseConvTranspose`: Conv1DTranspose/Conv2DTranspose/Conv3DTranspose. Kernel `[...kernelSize, filters, inChannels]` (Keras's
 * layout), output size from Keras's `deconv_output_length` (with `output_padding`), dilation by zero-inserting
 * the kernel.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { CallArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import { channelAxis, convTransposeViaConv, deconvOutputLength, dilateKernel, spatialDims, toChannelsFirst, toChannelsLast, tupleArg, withSpatial } from './conv-utils.js';

export interface ConvTransposeArgs extends BaseConvArgs {
  outputPadding?: number | number[] | null;
}

export abstract class BaseConvTranspose extends BaseConv {
  readonly outputPadding: number[] | null;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: ConvTransposeArgs) {
    super(rank, filters, kernelSize, args, { allowCausal: false });
    if (this.groups !== 1) throw new ValueError(`Layer "${this.name}": transposed convolutions do not support groups. Received groups=${this.groups}.`);
    this.outputPadding = args.outputPadding == null ? null : tupleArg(args.outputPadding, rank, 'output_padding', this.name, true);
    if (this.outputPadding) {
      this.outputPadding.forEach((p, i) => {
        if (this.strides[i] <= p) {
          throw new ValueError(`Layer "${this.name}": strides ${JSON.stringify(this.strides)} must be greater than output padding ${JSON.stringify(this.outputPadding)}.`);
        }
      });
    }
  }

  override build(inputShape: Shape): void {
    const inC = this.inputChannels(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, this.filters, inC], initializer: this.kernelInitializer, regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    this.inputSpec = new InputSpec({ ndim: this.rank + 2, axes: { [channelAxis(this.rank + 2, this.dataFormat)]: inC } });
    this.buildInputShape = inputShape;
    this.built = true;
  }

  private outSpatial(spatial: Shape): Shape {
    return spatial.map((d, i) => deconvOutputLength(d, this.kernelSize[i], this.padding, this.outputPadding?.[i] ?? null, this.strides[i], this.dilationRate[i]));
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x0 = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const x = this.dataFormat === 'channels_first' ? toChannelsLast(x0) : x0;
      const spatial = this.outSpatial(x.shape.slice(1, -1)) as number[];
      const outShape = [x.shape[0], ...spatial, this.filters];
      const kernel = this.dilationRate.some((d) => d > 1) ? dilateKernel(this.kernel, this.dilationRate) : this.kernel;
      const pad = this.padding as 'valid' | 'same';
      // Conv2DTranspose uses tfjs's native op; Conv1D/3DTranspose are built from forward convolutions (tfjs has no
      // 1-D op, and the wasm backend's Conv3DBackpropInputV2 gives wrong results).
      let y: tf.Tensor =
        this.rank === 2
          ? tf.conv2dTranspose(x as tf.Tensor4D, kernel as tf.Tensor4D, outShape as [number, number, number, number], this.strides as [number, number], pad)
          : convTransposeViaConv(x, kernel, spatial, this.strides, pad);
      if (this.bias) y = tf.add(y, this.bias);
      y = this.activation(y);
      return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return withSpatial(inputShape, this.outSpatial(spatialDims(inputShape, this.dataFormat)), this.filters, this.dataFormat);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), output_padding: this.outputPadding };
  }
}
