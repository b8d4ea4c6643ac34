/**
 * `Nadam` (Adam with Nesterov momentum, Dozat 2015), Keras 3's rule with its momentum cache:
 *   u_t = beta1 * (1 - 0.5 * 0.96^t),  u_{t+1} = beta1 * (1 - 0.5 * 0.96^(t+1))
 *   uProduct *= u_t (once per step, before the updates);  uProductNext = uProduct * u_{t+1}
 *   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2)
 *   mHat = u_{t+1} * m / (1 - uProductNext) + (1 - u_t) * g / (1 - uProduct);  vHat = v / (1 - beta2^t)
 *   variable -= mHat * lr / (sqrt(vHat) + epsilon)
 * Slots: Keras 3 `momentum`, `velocity`; tf.keras 2 `m`, `v`. The momentum cache (uProduct, starting at 1) is
 * Keras 3's unnamed `variable` (last in `variables`) and tf.keras 2's `momentum_cache` weight (right after
 * `iter` in `getWeights()`).
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface NadamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Nadam extends Optimizer {
  readonly className: string = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];
  private uProduct: tf.Variable | null = null;

  constructor(options: NadamOptions = {}) {
    const beta1 = requireNumber('Nadam', 'beta_1', options.beta1 ?? 0.9);
    const beta2 = requireNumber('Nadam', 'beta_2', options.beta2 ?? 0.999);
    const epsilon = requireNumber('Nadam', 'epsilon', options.epsilon ?? 1e-7);
    super(options as NadamOptions & Record<string, unknown>, ['beta1', 'beta2', 'epsilon'], 0.001);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.momentums, this.velocities] = this.addOptimizerVariables(vars, [
      { name: 'momentum', legacyName: 'm' },
      { name: 'velocity', legacyName: 'v' },
    ]) as [tf.Variable[], tf.Variable[]];
    this.uProduct = this.addScalarVariable('variable', 'momentum_cache', 1);
  }

  protected override prepareStep(): void {
    const u = this.uProduct!;
    const decayFactor = tf.sub(1, tf.mul(0.5, tf.pow(tf.scalar(0.96), this.localStep())));
    u.assign(tf.mul(tf.mul(u, this.beta1), decayFactor));
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const beta1 = this.constant(this.beta1);
    const beta2 = this.constant(this.beta2);
    const uT = this.perStep('uT', () => tf.mul(beta1, tf.sub(1, tf.mul(0.5, tf.pow(tf.scalar(0.96), this.localStep())))));
    const uT1 = this.perStep('uT1', () =>
      tf.mul(beta1, tf.sub(1, tf.mul(0.5, tf.pow(tf.scalar(0.96), tf.cast(tf.add(this.updateCount(), 2), 'float32'))))),
    );
    const uProduct = this.uProduct!;
    const uProductNext = this.perStep('uProductNext', () => tf.mul(uProduct, uT1));
    const beta2Power = this.perStep('beta2Power', () => tf.pow(beta2, this.localStep()));
    // Scalars shared by every variable of the step (Keras computes them in float32 as here).
    const oneMinusBeta1 = this.perStep('oneMinusBeta1', () => tf.sub(1, beta1));
    const oneMinusBeta2 = this.perStep('oneMinusBeta2', () => tf.sub(1, beta2));
    const oneMinusUProductNext = this.perStep('oneMinusUProductNext', () => tf.sub(1, uProductNext));
    const oneMinusUT = this.perStep('oneMinusUT', () => tf.sub(1, uT));
    const oneMinusUProduct = this.perStep('oneMinusUProduct', () => tf.sub(1, uProduct));
    const oneMinusBeta2Power = this.perStep('oneMinusBeta2Power', () => tf.sub(1, beta2Power));
    const m = this.momentums[i]!;
    const v = this.velocities[i]!;
    m.assign(tf.add(m, tf.mul(tf.sub(gradient, m), oneMinusBeta1)));
    v.assign(tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), oneMinusBeta2)));
    const mHat = tf.add(tf.div(tf.mul(uT1, m), oneMinusUProductNext), tf.div(tf.mul(oneMinusUT, gradient), oneMinusUProduct));
    const vHat = tf.div(v, oneMinusBeta2Power);
    variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, learningRate), tf.add(tf.sqrt(vHat), this.constant(this.epsilon)))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
