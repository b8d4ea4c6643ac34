/**
 * `Adamax` (Adam with the infinity norm):
 *   m += (g - m) * (1 - beta1);  u = max(beta2 * u, |g|)
 *   variable -= lr * m / ((1 - beta1^t) * (u + epsilon))
 * Slots: Keras 3 `momentum`, `norm`; tf.keras 2 `m`, `v`.
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface AdamaxOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adamax extends Optimizer {
  readonly className: string = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: tf.Variable[] = [];
  private u: tf.Variable[] = [];

  constructor(options: AdamaxOptions = {}) {
    const beta1 = requireNumber('Adamax', 'beta_1', options.beta1 ?? 0.9);
    const beta2 = requireNumber('Adamax', 'beta_2', options.beta2 ?? 0.999);
    const epsilon = requireNumber('Adamax', 'epsilon', options.epsilon ?? 1e-7);
    super(options as AdamaxOptions & Record<string, unknown>, ['beta1', 'beta2', 'epsilon'], 0.001);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.m, this.u] = this.addOptimizerVariables(vars, [
      { name: 'momentum', legacyName: 'm' },
      { name: 'norm', legacyName: 'v' },
    ]) as [tf.Variable[], tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const oneMinusBeta1Power = this.perStep('oneMinusBeta1Power', () => tf.sub(1, tf.pow(tf.scalar(this.beta1), this.localStep())));
    const m = this.m[i]!;
    const u = this.u[i]!;
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), this.constant(1 - this.beta1))));
    u.assign(tf.maximum(tf.mul(this.constant(this.beta2), u), tf.abs(gradient)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(learningRate, m), tf.mul(oneMinusBeta1Power, tf.add(u, this.constant(this.epsilon))))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
