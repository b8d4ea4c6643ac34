/**
 * `RMSprop`:
 *   velocity = rho * velocity + (1 - rho) * g^2
 *   centered: avg = rho * avg + (1 - rho) * g;  denominator = velocity - avg^2 + epsilon
 *   otherwise: denominator = velocity + epsilon
 *   increment = lr * g / sqrt(denominator)
 *   momentum > 0: mom = momentum * mom + increment; variable -= mom.   Otherwise variable -= increment.
 * Slots: Keras 3 `velocity`, `momentum`, `average_gradient`; tf.keras 2 `rms`, `momentum`, `mg`.
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  centered?: boolean;
}

export class RMSprop extends Optimizer {
  readonly className: string = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: tf.Variable[] = [];
  private momentums: tf.Variable[] = [];
  private averageGradients: tf.Variable[] = [];

  constructor(options: RMSpropOptions = {}) {
    const rho = requireNumber('RMSprop', 'rho', options.rho ?? 0.9);
    const momentum = requireNumber('RMSprop', 'momentum', options.momentum ?? 0);
    const epsilon = requireNumber('RMSprop', 'epsilon', options.epsilon ?? 1e-7);
    super(options as RMSpropOptions & Record<string, unknown>, ['rho', 'momentum', 'epsilon', 'centered'], 0.001);
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = options.centered ?? false;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.velocities] = this.addOptimizerVariables(vars, [{ name: 'velocity', legacyName: 'rms' }]) as [tf.Variable[]];
    if (this.momentum > 0) [this.momentums] = this.addOptimizerVariables(vars, [{ name: 'momentum', legacyName: 'momentum' }]) as [tf.Variable[]];
    if (this.centered) [this.averageGradients] = this.addOptimizerVariables(vars, [{ name: 'average_gradient', legacyName: 'mg' }]) as [tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const velocity = this.velocities[i]!;
    const rho = this.constant(this.rho);
    const oneMinusRho = this.constant(1 - this.rho);
    const epsilon = this.constant(this.epsilon);
    velocity.assign(tf.add(tf.mul(rho, velocity), tf.mul(oneMinusRho, tf.square(gradient))));
    let denominator: tf.Tensor;
    if (this.centered) {
      const avg = this.averageGradients[i]!;
      avg.assign(tf.add(tf.mul(rho, avg), tf.mul(oneMinusRho, gradient)));
      denominator = tf.add(tf.sub(velocity, tf.square(avg)), epsilon);
    } else {
      denominator = tf.add(velocity, epsilon);
    }
    const increment = tf.div(tf.mul(learningRate, gradient), tf.sqrt(denominator));
    if (this.momentum > 0) {
      const mom = this.momentums[i]!;
      mom.assign(tf.add(tf.mul(this.constant(this.momentum), mom), increment));
      variable.assign(tf.sub(variable, mom));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }

  protected ownConfig(): Record<string, unknown> {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
