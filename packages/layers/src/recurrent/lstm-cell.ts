/**
 * `LSTMCell`: gates i, f, c, o (Keras's order) in one kernel `[input_dim, 4*units]`, one recurrent kernel
 * `[units, 4*units]` and one bias `[4*units]`. States `[h, c]`. Per step: one matmul for all four gates.
 */
import * as tf from '@keras-ts/tensor';
import { RNNCell, type SequenceResult, type StepResult } from './rnn-cell.js';
import { CellOptions, checkUnits, recurrentActivationOf, type GatedCellArgs } from './cell-options.js';
import { DropoutMasks } from './dropout-masks.js';
import { splitGates } from './time-steps.js';
import { Initializer } from '../initializers/initializers.js';
import { sigmoid, tanh } from '../activations/activations.js';
import { serializeActivation, type ActivationFn } from '../activations/activations.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { ValueError } from '@keras-ts/tensor';

export interface LSTMCellArgs extends GatedCellArgs {
  /** Add 1 to the forget gate's bias at initialization (Jozefowicz et al.). Default true. */
  unitForgetBias?: boolean;
}

/** The bias initializer with `unit_forget_bias`: [init(units), ones(units), init(2*units)]. */
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

/** Slices the 4 gate pre-activations `[batch, 4u]` and runs the LSTM update. Shared with ConvLSTM2D. */
export function lstmUpdate(z: tf.Tensor, c: tf.Tensor, act: ActivationFn, recAct: ActivationFn): { h: tf.Tensor; c: tf.Tensor } {
  // The default activations run as one fused step where the backend has it (wasm).
  const fused = act === tanh && recAct === sigmoid ? tf.lstmCell(z, c) : null;
  if (fused) return fused;
  const [zi, zf, zc, zo] = splitGates(z, 4);
  const i = recAct(zi);
  const f = recAct(zf);
  const cNew = tf.add(tf.mul(f, c), tf.mul(i, act(zc)));
  const o = recAct(zo);
  return { h: tf.mul(o, act(cNew)), c: cNew };
}

export class LSTMCell extends RNNCell {
  static override className = 'LSTMCell';
  readonly units: number;
  readonly opts: CellOptions;
  readonly recurrentActivation: ActivationFn;
  readonly unitForgetBias: boolean;
  readonly implementation: number;
  readonly masks: DropoutMasks;
  kernel!: tf.Variable;
  recurrentKernel!: tf.Variable;
  bias: tf.Variable | null = null;

  constructor(units: number, args: LSTMCellArgs = {}) {
    super(args);
    this.units = checkUnits(units, this.name);
    this.opts = new CellOptions(args);
    this.recurrentActivation = recurrentActivationOf(args);
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.implementation = args.implementation ?? 2;
    this.masks = new DropoutMasks(this.opts.dropout, this.opts.recurrentDropout, this.opts.seed);
    this.multiOutput = true;
  }

  get stateShapes(): number[][] {
    return [[this.units], [this.units]];
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
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, 4 * u], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [u, 4 * u], initializer: o.recurrentInitializer, regularizer: o.recurrentRegularizer, constraint: o.recurrentConstraint });
    if (o.useBias) {
      const init = this.unitForgetBias ? new UnitForgetBias(o.biasInitializer, u) : o.biasInitializer;
      this.bias = this.addWeight({ name: 'bias', shape: [4 * u], initializer: init, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    }
    super.build(inputShape);
  }

  override beginSequence(stepInputShape: number[], training: boolean): void {
    this.masks.begin(stepInputShape, [stepInputShape[0], this.units], training);
  }
  override endSequence(): void {
    this.masks.end();
  }

  override projectInputs(inputs: tf.Tensor): tf.Tensor {
    return projectDense(this.masks.applyInput(inputs), this.kernel, this.bias);
  }

  /** The whole sequence as one fused op where the backend has it (wasm), with the default activations and no recurrent dropout. */
  override runSequence(projected: tf.Tensor, states: tf.Tensor[], goBackwards: boolean, mask: tf.Tensor | null): SequenceResult | null {
    if (this.masks.recurrent || this.opts.activation !== tanh || this.recurrentActivation !== sigmoid) return null;
    const [h, c] = states;
    const r = tf.lstmSequence(projected, this.recurrentKernel as unknown as tf.Tensor, h, c, goBackwards, mask);
    return r && { sequence: r.sequence, output: r.h, states: [r.h, r.c] };
  }

  step(projected: tf.Tensor, states: tf.Tensor[]): StepResult {
    const [h, c] = states;
    const z = tf.add(projected, tf.matMul(this.masks.applyRecurrent(h), this.recurrentKernel));
    const r = lstmUpdate(z, c, this.opts.activation, this.recurrentActivation);
    return { output: r.h, states: [r.h, r.c] };
  }

  override getConfig(): ConfigDict {
    const { activation, ...rest } = this.opts.config();
    return {
      ...super.getConfig(),
      units: this.units,
      activation,
      recurrent_activation: serializeActivation(this.recurrentActivation),
      ...rest,
      unit_forget_bias: this.unitForgetBias,
      implementation: this.implementation,
    };
  }

  static override fromConfig(config: ConfigDict): LSTMCell {
    return new LSTMCell(config.units as number, camelizeKeys(config) as LSTMCellArgs);
  }
}

/** `x @ kernel + bias` over the last axis of a rank-2 or rank-3 input (one matmul for every timestep). */
export function projectDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
  const lead = x.shape.slice(0, -1);
  const flat = x.rank === 2 ? x : tf.reshape(x, [-1, x.shape[x.rank - 1]]);
  const y = tf.fused.matMul({ a: flat as tf.Tensor2D, b: kernel as tf.Tensor2D, bias: bias ?? undefined });
  return x.rank === 2 ? y : tf.reshape(y, [...lead, kernel.shape[1] as number]);
}
