/** `SimpleRNNCell`: `h' = activation(x @ kernel + bias + h @ recurrent_kernel)`. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { RNNCell, type StepResult } from './rnn-cell.js';
import { CellOptions, checkUnits, type CellArgs } from './cell-options.js';
import { DropoutMasks } from './dropout-masks.js';
import { projectDense } from './lstm-cell.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type SimpleRNNCellArgs = CellArgs;

export class SimpleRNNCell extends RNNCell {
  static override className = 'SimpleRNNCell';
  readonly units: number;
  readonly opts: CellOptions;
  readonly masks: DropoutMasks;
  kernel!: tf.Variable;
  recurrentKernel!: tf.Variable;
  bias: tf.Variable | null = null;

  constructor(units: number, args: SimpleRNNCellArgs = {}) {
    super(args);
    this.units = checkUnits(units, this.name);
    this.opts = new CellOptions(args);
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
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, this.units], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [this.units, this.units], initializer: o.recurrentInitializer, regularizer: o.recurrentRegularizer, constraint: o.recurrentConstraint });
    if (o.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.units], initializer: o.biasInitializer, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
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

  step(projected: tf.Tensor, states: tf.Tensor[]): StepResult {
    const h = this.opts.activation(tf.add(projected, tf.matMul(this.masks.applyRecurrent(states[0]), this.recurrentKernel)));
    return { output: h, states: [h] };
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units, ...this.opts.config() };
  }

  static override fromConfig(config: ConfigDict): SimpleRNNCell {
    return new SimpleRNNCell(config.units as number, camelizeKeys(config) as SimpleRNNCellArgs);
  }
}
