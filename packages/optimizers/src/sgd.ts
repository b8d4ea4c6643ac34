/**
 * `SGD`: gradient descent with optional (Nesterov) momentum.
 *   momentum = momentum * m - lr * g;  variable += momentum            (nesterov: += momentum * m' - lr * g)
 * Slots: Keras 3 `momentum`; tf.keras 2 checkpoint/HDF5 slot `momentum` (only when momentum > 0).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface SGDOptions extends OptimizerOptions {
  /** Default 0.01. */
  learningRate?: OptimizerOptions['learningRate'];
  /** In [0, 1]. Default 0. */
  momentum?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly className: string = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  private momentums: tf.Variable[] = [];

  constructor(options: SGDOptions = {}) {
    const momentum = options.momentum ?? 0;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new ValueError(`SGD: \`momentum\` must be a number in [0, 1]. Received: momentum=${JSON.stringify(momentum)}`);
    }
    super(options as SGDOptions & Record<string, unknown>, ['momentum', 'nesterov'], 0.01);
    this.momentum = momentum;
    this.nesterov = options.nesterov ?? false;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    if (this.momentum !== 0) [this.momentums] = this.addOptimizerVariables(vars, [{ name: 'momentum', legacyName: 'momentum' }]) as [tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const step = tf.mul(gradient, learningRate);
    if (this.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const m = this.momentums[this.variableIndex(variable)]!;
    const momentum = this.constant(this.momentum);
    m.assign(tf.sub(tf.mul(m, momentum), step));
    if (this.nesterov) variable.assign(tf.add(variable, tf.sub(tf.mul(m, momentum), step)));
    else variable.assign(tf.add(variable, m));
  }

  protected ownConfig(): Record<string, unknown> {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}
