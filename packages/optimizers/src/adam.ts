/**
 * `Adam` (Kingma & Ba), with the "epsilon hat" placement of Keras:
 *   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 *   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2);  (amsgrad: vhat = max(vhat, v), v = vhat)
 *   variable -= m * alpha / (sqrt(v) + epsilon)
 * Slots: Keras 3 `momentum`, `velocity`, `velocity_hat` (amsgrad); tf.keras 2 `m`, `v`, `vhat`.
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface AdamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
  amsgrad?: boolean;
}

const ADAM_OPTIONS = ['beta1', 'beta2', 'epsilon', 'amsgrad'];

export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];
  private velocityHats: tf.Variable[] = [];

  constructor(options: AdamOptions = {}) {
    const beta1 = requireNumber(new.target.name, 'beta_1', options.beta1 ?? 0.9);
    const beta2 = requireNumber(new.target.name, 'beta_2', options.beta2 ?? 0.999);
    const epsilon = requireNumber(new.target.name, 'epsilon', options.epsilon ?? 1e-7);
    super(options as AdamOptions & Record<string, unknown>, ADAM_OPTIONS, 0.001);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.amsgrad = options.amsgrad ?? false;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.momentums, this.velocities] = this.addOptimizerVariables(vars, [
      { name: 'momentum', legacyName: 'm' },
      { name: 'velocity', legacyName: 'v' },
    ]) as [tf.Variable[], tf.Variable[]];
    if (this.amsgrad) [this.velocityHats] = this.addOptimizerVariables(vars, [{ name: 'velocity_hat', legacyName: 'vhat' }]) as [tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const alpha = this.perStep('alpha', () => {
      const t = this.localStep();
      const beta1Power = tf.pow(tf.scalar(this.beta1), t);
      const beta2Power = tf.pow(tf.scalar(this.beta2), t);
      return tf.div(tf.mul(learningRate, tf.sqrt(tf.sub(1, beta2Power))), tf.sub(1, beta1Power));
    });
    const m = this.momentums[i]!;
    let v = this.velocities[i]!;
    const vHat = this.amsgrad ? this.velocityHats[i]! : undefined;
    const { beta1, beta2, epsilon } = this;
    // One in-place loop on wasm and cpu (bitwise the same result); the ops below everywhere else.
    if (tf.fusedAdamUpdate({ variable, gradient, m, v, vHat, alpha, beta1, beta2, epsilon })) return;
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), this.constant(1 - this.beta1))));
    v.assign(tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), this.constant(1 - this.beta2))));
    if (vHat) {
      vHat.assign(tf.maximum(vHat, v));
      v = vHat;
    }
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), this.constant(this.epsilon)))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
