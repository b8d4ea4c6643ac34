/**
 * `ConvLSTM2DCell`: an LSTM cell whose input and recurrent transformations are 2-D convolutions. Works on
 * channels-last steps `[batch, rows, cols, channels]` (ConvLSTM2D transposes channels-first data around it).
 * Weights as Keras: kernel `[kh, kw, in, 4*filters]`, recurrent_kernel `[kh, kw, filters, 4*filters]`, bias
 * `[4*filters]`, gates i, f, c, o. The input convolution uses `strides`/`padding`/`dilationRate` and runs once
 * for every timestep; the recurrent one is 'same' with stride 1.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { RNNCell, type StepResult } from './rnn-cell.js';
import { CellOptions, recurrentActivationOf, type GatedCellArgs } from './cell-options.js';
import { DropoutMasks } from './dropout-masks.js';
import { lstmUpdate } from './lstm-cell.js';
import { Initializer } from '../initializers/initializers.js';
import { serializeActivation, type ActivationFn } from '../activations/activations.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type ConvPadding = 'valid' | 'same';

export interface ConvLSTM2DCellArgs extends GatedCellArgs {
  strides?: number | number[];
  padding?: ConvPadding;
  dataFormat?: 'channels_last' | 'channels_first' | null;
  dilationRate?: number | number[];
  unitForgetBias?: boolean;
}

function pair(v: number | number[] | undefined, name: string, fallback: number): [number, number] {
  const list = v == null ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [...v];
  if (list.length !== 2 || list.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ValueError(`The \`${name}\` argument must be a tuple of 2 positive integers. Received: ${name}=${JSON.stringify(v)}`);
  }
  return list as [number, number];
}

/** Keras's conv_output_length. */
export function convLength(n: number, k: number, padding: ConvPadding, stride: number, dilation: number): number {
  const dk = k + (k - 1) * (dilation - 1);
  return Math.floor(((padding === 'same' ? n : n - dk + 1) + stride - 1) / stride);
}

class UnitForgetBias extends Initializer {
  constructor(
    readonly base: Initializer,
    readonly units: number,
  ) {
    super();
  }
  apply(_shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    const u = this.units;
    return tf.tidy(() => tf.concat([this.base.apply([u], dtype), tf.ones([u], dtype), this.base.apply([2 * u], dtype)]));
  }
}

export class ConvLSTM2DCell extends RNNCell {
  static override className = 'ConvLSTM2DCell';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: ConvPadding;
  readonly dataFormat: 'channels_last' | 'channels_first';
  readonly dilationRate: [number, number];
  readonly opts: CellOptions;
  readonly recurrentActivation: ActivationFn;
  readonly unitForgetBias: boolean;
  readonly masks: DropoutMasks;
  kernel!: tf.Variable;
  recurrentKernel!: tf.Variable;
  bias: tf.Variable | null = null;
  private outHW: [number, number] | null = null;

  constructor(filters: number, kernelSize: number | number[], args: ConvLSTM2DCellArgs = {}) {
    super(args);
    if (!Number.isInteger(filters) || filters <= 0) throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`);
    this.filters = filters;
    this.kernelSize = pair(kernelSize, 'kernel_size', 1);
    this.strides = pair(args.strides, 'strides', 1);
    this.dilationRate = pair(args.dilationRate, 'dilation_rate', 1);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ValueError(`Layer "${this.name}": strides > 1 not supported in conjunction with dilation_rate > 1. Received: strides=${JSON.stringify(this.strides)} and dilation_rate=${JSON.stringify(this.dilationRate)}`);
    }
    const padding = (args.padding ?? 'valid').toLowerCase();
    if (padding !== 'valid' && padding !== 'same') throw new ValueError(`The \`padding\` argument must be one of "valid", "same". Received: ${args.padding}`);
    this.padding = padding;
    const df = args.dataFormat ?? 'channels_last';
    if (df !== 'channels_last' && df !== 'channels_first') throw new ValueError(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${df}`);
    this.dataFormat = df;
    this.opts = new CellOptions(args);
    this.recurrentActivation = recurrentActivationOf(args);
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.masks = new DropoutMasks(this.opts.dropout, this.opts.recurrentDropout, this.opts.seed);
    this.multiOutput = true;
  }

  override get stepRank(): number {
    return 3;
  }
  get stateShapes(): number[][] {
    if (!this.outHW) throw new ValueError(`Cell "${this.name}" must be built before its state shapes are known.`);
    return [[...this.outHW, this.filters], [...this.outHW, this.filters]];
  }
  get outputShape(): number[] {
    return this.stateShapes[0];
  }

  /** Output rows/cols for input rows/cols. */
  outputSpatial(rows: number | null, cols: number | null): [number | null, number | null] {
    const f = (n: number | null, i: number) => (n == null ? null : convLength(n, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]));
    return [f(rows, 0), f(cols, 1)];
  }

  /** `inputShape`: one channels-last step `[batch, rows, cols, channels]`. */
  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const [, rows, cols, channels] = shape;
    if (channels == null || rows == null || cols == null) {
      throw new ValueError(`Layer "${this.name}": the spatial and channel dimensions of the inputs should be defined. Received: [${shape}]`);
    }
    const [r, c] = this.outputSpatial(rows, cols) as [number, number];
    if (r <= 0 || c <= 0) {
      throw new ValueError(`Layer "${this.name}": the kernel ${JSON.stringify(this.kernelSize)} is larger than the input (${rows}x${cols}) with padding='valid'; the output would be empty.`);
    }
    this.outHW = [r, c];
    const o = this.opts;
    const F = this.filters;
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight({ name: 'kernel', shape: [kh, kw, channels, 4 * F], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [kh, kw, F, 4 * F], initializer: o.recurrentInitializer, regularizer: o.recurrentRegularizer, constraint: o.recurrentConstraint });
    if (o.useBias) {
      const init = this.unitForgetBias ? new UnitForgetBias(o.biasInitializer, F) : o.biasInitializer;
      this.bias = this.addWeight({ name: 'bias', shape: [4 * F], initializer: init, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    }
    super.build(inputShape);
  }

  override beginSequence(stepInputShape: number[], training: boolean): void {
    this.masks.begin(stepInputShape, [stepInputShape[0], ...this.stateShapes[0]], training);
  }
  override endSequence(): void {
    this.masks.end();
  }

  override projectInputs(inputs: tf.Tensor): tf.Tensor {
    const x = this.masks.applyInput(inputs);
    const lead = x.shape.slice(0, x.rank - 3);
    const flat: tf.Tensor = x.rank === 4 ? x : tf.reshape(x, [-1, ...x.shape.slice(-3)]);
    const x4 = flat as tf.Tensor4D;
    let y: tf.Tensor = tf.conv2d(x4, this.kernel as unknown as tf.Tensor4D, this.strides, this.padding, 'NHWC', this.dilationRate);
    if (this.bias) y = tf.add(y, this.bias);
    return x.rank === 4 ? y : tf.reshape(y, [...lead, ...y.shape.slice(1)]);
  }

  step(projected: tf.Tensor, states: tf.Tensor[]): StepResult {
    const [h, c] = states;
    const rec = tf.conv2d(this.masks.applyRecurrent(h) as tf.Tensor4D, this.recurrentKernel as unknown as tf.Tensor4D, 1, 'same');
    const r = lstmUpdate(tf.add(projected, rec), c, this.opts.activation, this.recurrentActivation);
    return { output: r.h, states: [r.h, r.c] };
  }

  override getConfig(): ConfigDict {
    const { activation, ...rest } = this.opts.config();
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      activation,
      recurrent_activation: serializeActivation(this.recurrentActivation),
      ...rest,
      unit_forget_bias: this.unitForgetBias,
    };
  }

  static override fromConfig(config: ConfigDict): ConvLSTM2DCell {
    return new ConvLSTM2DCell(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as ConvLSTM2DCellArgs);
  }
}
