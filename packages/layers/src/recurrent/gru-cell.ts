/**
 * `GRUCell`: gates z, r, h (Keras's order) in a kernel `[input_dim, 3*units]` and a recurrent kernel
 * `[units, 3*units]`. With `reset_after=true` (tf.keras 2's default, cuDNN-compatible) the bias is
 * `[2, 3*units]` (input bias, recurrent bias) and the reset gate multiplies `h @ U_h + b_rh`; with
 * `reset_after=false` (Keras 2.1) the bias is `[3*units]` and the reset gate multiplies `h` before `U_h`.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { RNNCell, type SequenceResult, type StepResult } from './rnn-cell.js';
import { CellOptions, checkUnits, recurrentActivationOf, type GatedCellArgs } from './cell-options.js';
import { DropoutMasks } from './dropout-masks.js';
import { splitGates } from './time-steps.js';
import { projectDense } from './lstm-cell.js';
import { serializeActivation, sigmoid, tanh, type ActivationFn } from '../activations/activations.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface GRUCellArgs extends GatedCellArgs {
  /** Apply the reset gate after the recurrent matmul (tf.keras 2 default: true). */
  resetAfter?: boolean;
}

export class GRUCell extends RNNCell {
  static override className = 'GRUCell';
  readonly units: number;
  readonly opts: CellOptions;
  readonly recurrentActivation: ActivationFn;
  readonly resetAfter: boolean;
  readonly implementation: number;
  readonly masks: DropoutMasks;
  kernel!: tf.Variable;
  recurrentKernel!: tf.Variable;
  bias: tf.Variable | null = null;
  /** Per-pass slices of the weights (reset_after=false needs U_zr and U_h apart; reset_after=true the recurrent bias). */
  private parts: { uZR?: tf.Tensor; uH?: tf.Tensor; inputBias?: tf.Tensor | null; recBias?: tf.Tensor | null } | null = null;

  constructor(units: number, args: GRUCellArgs = {}) {
    super(args);
    this.units = checkUnits(units, this.name);
    this.opts = new CellOptions(args);
    this.recurrentActivation = recurrentActivationOf(args);
    this.resetAfter = args.resetAfter ?? true;
    this.implementation = args.implementation ?? 2;
    this.masks = new DropoutMasks(this.opts.dropout, this.opts.recurrentDropout, this.opts.seed);
    this.multiOutput = true;
  }

  get stateShapes(): number[][] {
    return [[this.units]];
  }
  get outputShape(): number[] {
    return [this.units];
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inputDim = shape[shape.length - 1];
    if (inputDim == null) throw new ValueError(`Layer "${this.name}": the last dimension of the inputs should be defined. Found None.`);
    const o = this.opts;
    const u = this.units;
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, 3 * u], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [u, 3 * u], initializer: o.recurrentInitializer, regularizer: o.recurrentRegularizer, constraint: o.recurrentConstraint });
    if (o.useBias) {
      const shapeB = this.resetAfter ? [2, 3 * u] : [3 * u];
      this.bias = this.addWeight({ name: 'bias', shape: shapeB, initializer: o.biasInitializer, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    }
    super.build(inputShape);
  }

  override beginSequence(stepInputShape: number[], training: boolean): void {
    this.masks.begin(stepInputShape, [stepInputShape[0], this.units], training);
    const u = this.units;
    if (this.resetAfter) {
      const [bi, br] = this.bias ? tf.unstack(this.bias) : [null, null];
      this.parts = { inputBias: bi, recBias: br };
    } else {
      this.parts = { uZR: tf.slice(this.recurrentKernel, [0, 0], [u, 2 * u]), uH: tf.slice(this.recurrentKernel, [0, 2 * u], [u, u]), inputBias: this.bias };
    }
  }
  override endSequence(): void {
    this.masks.end();
    this.parts = null;
  }

  override projectInputs(inputs: tf.Tensor): tf.Tensor {
    const bias = this.parts!.inputBias ?? null;
    if (!this.resetAfter || !bias) return projectDense(this.masks.applyInput(inputs), this.kernel, bias);
    // The input half of a [2, 3u] bias is a view: wasm's fused matmul reads a view's base shape, so add it apart.
    return tf.add(projectDense(this.masks.applyInput(inputs), this.kernel, null), bias);
  }

  /**
   * The whole sequence as one op (tf.gruSequence) where it runs: reset gate after the recurrent product, no
   * recurrent dropout, the default activations.
   */
  override runSequence(projected: tf.Tensor, states: tf.Tensor[], goBackwards: boolean, mask: tf.Tensor | null): SequenceResult | null {
    if (!this.resetAfter || this.masks.recurrent || this.opts.activation !== tanh || this.recurrentActivation !== sigmoid) return null;
    const rb = this.parts!.recBias ?? null;
    const r = tf.gruSequence(projected, this.recurrentKernel as unknown as tf.Tensor, rb, states[0]!, goBackwards, mask);
    return r && { sequence: r.sequence, output: r.h, states: [r.h] };
  }

  step(projected: tf.Tensor, states: tf.Tensor[]): StepResult {
    const u = this.units;
    const h = states[0];
    const hd = this.masks.applyRecurrent(h);
    const [xZ, xR, xH] = splitGates(projected, 3);
    const recAct = this.recurrentActivation;
    let z: tf.Tensor;
    let hh: tf.Tensor;
    if (this.resetAfter) {
      let inner = tf.matMul(hd, this.recurrentKernel);
      if (this.parts!.recBias) inner = tf.add(inner, this.parts!.recBias);
      const [iZ, iR, iH] = splitGates(inner, 3);
      z = recAct(tf.add(xZ, iZ));
      const r = recAct(tf.add(xR, iR));
      hh = this.opts.activation(tf.add(xH, tf.mul(r, iH)));
    } else {
      const inner = tf.matMul(hd, this.parts!.uZR!);
      const [iZ, iR] = splitGates(inner, 2);
      z = recAct(tf.add(xZ, iZ));
      const r = recAct(tf.add(xR, iR));
      hh = this.opts.activation(tf.add(xH, tf.matMul(tf.mul(r, hd), this.parts!.uH!)));
    }
    // h' = z*h + (1-z)*hh  ==  hh + z*(h - hh)
    const out = tf.add(hh, tf.mul(z, tf.sub(h, hh)));
    return { output: out, states: [out] };
  }

  override getConfig(): ConfigDict {
    const { activation, ...rest } = this.opts.config();
    return {
      ...super.getConfig(),
      units: this.units,
      activation,
      recurrent_activation: serializeActivation(this.recurrentActivation),
      ...rest,
      implementation: this.implementation,
      reset_after: this.resetAfter,
    };
  }

  static override fromConfig(config: ConfigDict): GRUCell {
    return new GRUCell(config.units as number, camelizeKeys(config) as GRUCellArgs);
  }
}
