/**
 * `Adadelta`:
 *   accumulatedGrad = rho * accumulatedGrad + (1 - rho) * g^2
 *   delta = -sqrt(accumulatedDeltaVar + epsilon) * g / sqrt(accumulatedGrad + epsilon)
 *   accumulatedDeltaVar = rho * accumulatedDeltaVar + (1 - rho) * delta^2
 *   variable += lr * delta
 * Slots: Keras 3 `accumulated_grad`, `accumulated_delta_var`; tf.keras 2 `accum_grad`, `accum_var`.
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface AdadeltaOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adadelta extends Optimizer {
  readonly className: string = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  private accumulatedGrads: tf.Variable[] = [];
  private accumulatedDeltaVars: tf.Variable[] = [];

  constructor(options: AdadeltaOptions = {}) {
    const rho = requireNumber('Adadelta', 'rho', options.rho ?? 0.95);
    const epsilon = requireNumber('Adadelta', 'epsilon', options.epsilon ?? 1e-7);
    super(options as AdadeltaOptions & Record<string, unknown>, ['rho', 'epsilon'], 0.001);
    this.rho = rho;
    this.epsilon = epsilon;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.accumulatedGrads, this.accumulatedDeltaVars] = this.addOptimizerVariables(vars, [
      { name: 'accumulated_grad', legacyName: 'accum_grad' },
      { name: 'accumulated_delta_var', legacyName: 'accum_var' },
    ]) as [tf.Variable[], tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const accGrad = this.accumulatedGrads[i]!;
    const accDelta = this.accumulatedDeltaVars[i]!;
    const rho = this.constant(this.rho);
    const oneMinusRho = this.constant(1 - this.rho);
    const epsilon = this.constant(this.epsilon);
    const rms = (x: tf.Tensor) => tf.sqrt(tf.add(x, epsilon));
    accGrad.assign(tf.add(tf.mul(rho, accGrad), tf.mul(oneMinusRho, tf.square(gradient))));
    const delta = tf.neg(tf.div(tf.mul(rms(accDelta), gradient), rms(accGrad)));
    accDelta.assign(tf.add(tf.mul(rho, accDelta), tf.mul(oneMinusRho, tf.square(delta))));
    variable.assign(tf.add(variable, tf.mul(learningRate, delta)));
  }

  protected ownConfig(): Record<string, unknown> {
    return { rho: this.rho, epsilon: this.epsilon };
  }
}
