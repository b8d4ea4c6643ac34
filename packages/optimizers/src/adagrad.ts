/**
 * `Adagrad`:  accumulator += g^2;  variable -= lr * g / sqrt(accumulator + epsilon).
 * Slots: `accumulator` (Keras 3 and tf.keras 2), starting at `initialAccumulatorValue`.
 */
import * as tf from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adagrad extends Optimizer {
  readonly className: string = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulators: tf.Variable[] = [];

  constructor(options: AdagradOptions = {}) {
    const initialAccumulatorValue = requireNumber('Adagrad', 'initial_accumulator_value', options.initialAccumulatorValue ?? 0.1);
    const epsilon = requireNumber('Adagrad', 'epsilon', options.epsilon ?? 1e-7);
    super(options as AdagradOptions & Record<string, unknown>, ['initialAccumulatorValue', 'epsilon'], 0.001);
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.epsilon = epsilon;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.accumulators] = this.addOptimizerVariables(vars, [
      { name: 'accumulator', legacyName: 'accumulator', initialValue: this.initialAccumulatorValue },
    ]) as [tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const accumulator = this.accumulators[this.variableIndex(variable)]!;
    accumulator.assign(tf.add(accumulator, tf.square(gradient)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(learningRate, gradient), tf.sqrt(tf.add(accumulator, this.constant(this.epsilon))))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
