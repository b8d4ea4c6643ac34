/**
 * `Ftrl` (Follow The Regularized Leader, McMahan et al. 2013), Keras 3's rule:
 *   l2 = l2RegularizationStrength + beta / (2 * lr)
 *   gradShrunk = g + 2 * l2ShrinkageRegularizationStrength * variable
 *   newAccum = accum + g^2
 *   linear += gradShrunk - (newAccum^-p - accum^-p) / lr * variable          (p = learningRatePower)
 *   quadratic = newAccum^-p / lr + 2 * l2
 *   variable = (clip(linear, -l1, l1) - linear) / quadratic;  accum = newAccum
 * Slots: `accumulator` (starting at `initialAccumulatorValue`) and `linear`, the same in Keras 3 and tf.keras 2.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Optimizer, type OptimizerOptions } from './optimizer.js';
import { requireNumber } from './config.js';

export interface FtrlOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** <= 0. Default -0.5. */
  learningRatePower?: number;
  /** >= 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** >= 0. Default 0. */
  l1RegularizationStrength?: number;
  /** >= 0. Default 0. */
  l2RegularizationStrength?: number;
  /** >= 0. Default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** Default 0. */
  beta?: number;
}

const FTRL_OPTIONS = [
  'learningRatePower', 'initialAccumulatorValue', 'l1RegularizationStrength', 'l2RegularizationStrength',
  'l2ShrinkageRegularizationStrength', 'beta',
];

function check(key: string, value: number, ok: boolean, expected: string): number {
  if (!ok) throw new ValueError(`Ftrl: \`${key}\` needs to be ${expected}. Received: ${key}=${value}.`);
  return value;
}

export class Ftrl extends Optimizer {
  readonly className: string = 'Ftrl';
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;
  private accumulators: tf.Variable[] = [];
  private linears: tf.Variable[] = [];

  constructor(options: FtrlOptions = {}) {
    const n = (key: string, value: number | undefined, dflt: number) => requireNumber('Ftrl', key, value ?? dflt);
    const lrPower = n('learning_rate_power', options.learningRatePower, -0.5);
    const init = n('initial_accumulator_value', options.initialAccumulatorValue, 0.1);
    const l1 = n('l1_regularization_strength', options.l1RegularizationStrength, 0);
    const l2 = n('l2_regularization_strength', options.l2RegularizationStrength, 0);
    const l2s = n('l2_shrinkage_regularization_strength', options.l2ShrinkageRegularizationStrength, 0);
    check('initial_accumulator_value', init, init >= 0, 'positive or zero');
    check('learning_rate_power', lrPower, lrPower <= 0, 'negative or zero');
    check('l1_regularization_strength', l1, l1 >= 0, 'positive or zero');
    check('l2_regularization_strength', l2, l2 >= 0, 'positive or zero');
    check('l2_shrinkage_regularization_strength', l2s, l2s >= 0, 'positive or zero');
    const beta = n('beta', options.beta, 0);
    super(options as FtrlOptions & Record<string, unknown>, FTRL_OPTIONS, 0.001);
    this.learningRatePower = lrPower;
    this.initialAccumulatorValue = init;
    this.l1RegularizationStrength = l1;
    this.l2RegularizationStrength = l2;
    this.l2ShrinkageRegularizationStrength = l2s;
    this.beta = beta;
  }

  override build(vars: tf.Variable[]): void {
    if (this.built) return;
    super.build(vars);
    [this.accumulators, this.linears] = this.addOptimizerVariables(vars, [
      { name: 'accumulator', legacyName: 'accumulator', initialValue: this.initialAccumulatorValue },
      { name: 'linear', legacyName: 'linear' },
    ]) as [tf.Variable[], tf.Variable[]];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void {
    const i = this.variableIndex(variable);
    const accum = this.accumulators[i]!;
    const linear = this.linears[i]!;
    const power = this.constant(-this.learningRatePower);
    const l2 = this.perStep('l2', () => tf.add(this.l2RegularizationStrength, tf.div(this.beta, tf.mul(2.0, learningRate))));
    const gradToUse = tf.add(gradient, tf.mul(this.constant(2 * this.l2ShrinkageRegularizationStrength), variable));
    const newAccum = tf.add(accum, tf.square(gradient));
    const newAccumPow = tf.pow(newAccum, power);
    linear.assign(tf.add(linear, tf.sub(gradToUse, tf.mul(tf.div(tf.sub(newAccumPow, tf.pow(accum, power)), learningRate), variable))));
    const twoL2 = this.perStep('twoL2', () => tf.mul(2, l2));
    const quadratic = tf.add(tf.div(newAccumPow, learningRate), twoL2);
    const l1 = this.l1RegularizationStrength;
    const linearClipped = tf.clipByValue(linear, -l1, l1);
    variable.assign(tf.div(tf.sub(linearClipped, linear), quadratic));
    accum.assign(newAccum);
  }

  protected ownConfig(): Record<string, unknown> {
    return {
      learning_rate_power: this.learningRatePower,
      initial_accumulator_value: this.initialAccumulatorValue,
      l1_regularization_strength: this.l1RegularizationStrength,
      l2_regularization_strength: this.l2RegularizationStrength,
      l2_shrinkage_regularization_strength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    };
  }
}
