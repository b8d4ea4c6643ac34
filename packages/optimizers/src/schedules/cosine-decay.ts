/**
 * `CosineDecay` (SGDR without restarts), with Keras 3's optional linear warmup: for `warmupSteps` steps the
 * rate goes linearly from `initialLearningRate` to `warmupTarget`, then decays from `warmupTarget` along
 * `((1 - alpha) * 0.5 * (1 + cos(pi * t / decaySteps)) + alpha)`, and stays at its end value.
 */
import * as tf from '@keras-ts/tensor';
import type { ScheduleConfig } from '../config.js';
import { LearningRateSchedule, stepToFloat } from './learning-rate-schedule.js';
import { checkDecaySteps, checkNumber } from './validate.js';

export interface CosineDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** The minimum rate, as a fraction of the starting rate. Default 0. */
  alpha?: number;
  /** The rate reached at the end of the warmup; no warmup when absent (null). */
  warmupTarget?: number | null;
  /** Default 0. */
  warmupSteps?: number;
  name?: string;
}

export class CosineDecay extends LearningRateSchedule {
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;
  readonly name: string;

  constructor(options: CosineDecayOptions) {
    super();
    this.initialLearningRate = checkNumber(this.className, 'initial_learning_rate', options.initialLearningRate);
    this.decaySteps = checkDecaySteps(this.className, 'decay_steps', options.decaySteps);
    this.alpha = checkNumber(this.className, 'alpha', options.alpha ?? 0);
    this.warmupTarget = options.warmupTarget == null ? null : checkNumber(this.className, 'warmup_target', options.warmupTarget);
    this.warmupSteps = checkNumber(this.className, 'warmup_steps', options.warmupSteps ?? 0);
    this.name = options.name ?? 'CosineDecay';
  }

  private decay(step: tf.Tensor, decaySteps: tf.Tensor, from: tf.Tensor): tf.Tensor {
    const fraction = tf.div(step, decaySteps);
    const cosine = tf.mul(tf.scalar(0.5), tf.add(tf.scalar(1), tf.cos(tf.mul(tf.scalar(Math.PI), fraction))));
    const decayed = tf.add(tf.mul(tf.scalar(1 - this.alpha), cosine), tf.scalar(this.alpha));
    return tf.mul(from, decayed);
  }

  call(step: tf.Tensor | number): tf.Scalar {
    return tf.tidy(() => {
      const initial = tf.scalar(this.initialLearningRate);
      const decaySteps = tf.scalar(this.decaySteps);
      let globalStep: tf.Tensor = stepToFloat(step);
      if (this.warmupTarget === null) {
        globalStep = tf.minimum(globalStep, decaySteps);
        return this.decay(globalStep, decaySteps, initial) as tf.Scalar;
      }
      const target = tf.scalar(this.warmupTarget);
      const warmupSteps = tf.scalar(this.warmupSteps);
      globalStep = tf.minimum(globalStep, tf.add(decaySteps, warmupSteps));
      const warm = tf.add(tf.mul(tf.sub(target, initial), tf.div(globalStep, warmupSteps)), initial);
      const decayed = this.decay(tf.sub(globalStep, warmupSteps), decaySteps, target);
      return tf.where(tf.less(globalStep, warmupSteps), warm, decayed) as tf.Scalar;
    });
  }

  getConfig(): ScheduleConfig {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmup_target: this.warmupTarget,
      warmup_steps: this.warmupSteps,
    };
  }

  static fromConfig(config: ScheduleConfig): CosineDecay {
    return new CosineDecay({
      initialLearningRate: config.initial_learning_rate as number,
      decaySteps: config.decay_steps as number,
      alpha: config.alpha as number | undefined,
      warmupTarget: config.warmup_target as number | null | undefined,
      warmupSteps: config.warmup_steps as number | undefined,
      name: config.name,
    });
  }
}
