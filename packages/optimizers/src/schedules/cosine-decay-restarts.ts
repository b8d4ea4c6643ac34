/**
 * `CosineDecayRestarts` (SGDR, Loshchilov & Hutter): cosine decay over `firstDecaySteps`, then restarts,
 * each period `tMul` times longer than the last and starting `mMul` times lower:
 *   rate = initialLearningRate * ((1 - alpha) * 0.5 * mMul^i * (1 + cos(pi * fractionOfPeriod)) + alpha)
 */
import * as tf from '@keras-ts/tensor';
import type { ScheduleConfig } from '../config.js';
import { LearningRateSchedule, stepToFloat } from './learning-rate-schedule.js';
import { checkDecaySteps, checkNumber } from './validate.js';

export interface CosineDecayRestartsOptions {
  initialLearningRate: number;
  firstDecaySteps: number;
  /** How much longer each period is than the one before. Default 2. */
  tMul?: number;
  /** How much lower each period starts than the one before. Default 1. */
  mMul?: number;
  /** The minimum rate, as a fraction of `initialLearningRate`. Default 0. */
  alpha?: number;
  name?: string;
}

export class CosineDecayRestarts extends LearningRateSchedule {
  readonly className = 'CosineDecayRestarts';
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(options: CosineDecayRestartsOptions) {
    super();
    this.initialLearningRate = checkNumber(this.className, 'initial_learning_rate', options.initialLearningRate);
    this.firstDecaySteps = checkDecaySteps(this.className, 'first_decay_steps', options.firstDecaySteps);
    this.tMul = checkNumber(this.className, 't_mul', options.tMul ?? 2.0);
    this.mMul = checkNumber(this.className, 'm_mul', options.mMul ?? 1.0);
    this.alpha = checkNumber(this.className, 'alpha', options.alpha ?? 0.0);
    this.name = options.name ?? 'SGDRDecay';
  }

  call(step: tf.Tensor | number): tf.Scalar {
    return tf.tidy(() => {
      const tMul = tf.scalar(this.tMul);
      const alpha = tf.scalar(this.alpha);
      let fraction: tf.Tensor = tf.div(stepToFloat(step), tf.scalar(this.firstDecaySteps));
      let restart: tf.Tensor;
      if (Math.fround(this.tMul) === 1) {
        restart = tf.floor(fraction);
        fraction = tf.sub(fraction, restart);
      } else {
        const oneMinusTMul = tf.sub(1, tMul);
        restart = tf.floor(tf.div(tf.log(tf.sub(1, tf.mul(fraction, oneMinusTMul))), tf.log(tMul)));
        const elapsed = tf.div(tf.sub(1, tf.pow(tMul, restart)), oneMinusTMul);
        fraction = tf.div(tf.sub(fraction, elapsed), tf.pow(tMul, restart));
      }
      const mFactor = tf.pow(tf.scalar(this.mMul), restart);
      const cosine = tf.mul(tf.mul(0.5, mFactor), tf.add(1, tf.cos(tf.mul(tf.scalar(Math.PI), fraction))));
      const decayed = tf.add(tf.mul(tf.sub(1, alpha), cosine), alpha);
      return tf.mul(tf.scalar(this.initialLearningRate), decayed) as tf.Scalar;
    });
  }

  getConfig(): ScheduleConfig {
    return {
      initial_learning_rate: this.initialLearningRate,
      first_decay_steps: this.firstDecaySteps,
      t_mul: this.tMul,
      m_mul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }

  static fromConfig(config: ScheduleConfig): CosineDecayRestarts {
    return new CosineDecayRestarts({
      initialLearningRate: config.initial_learning_rate as number,
      firstDecaySteps: config.first_decay_steps as number,
      tMul: config.t_mul as number | undefined,
      mMul: config.m_mul as number | undefined,
      alpha: config.alpha as number | undefined,
      name: config.name,
    });
  }
}
