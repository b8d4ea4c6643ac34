/** `ExponentialDecay`: `initialLearningRate * decayRate ^ (step / decaySteps)` (the exponent floored if `staircase`). */
import * as tf from '@keras-ts/tensor';
import type { ScheduleConfig } from '../config.js';
import { LearningRateSchedule, stepToFloat } from './learning-rate-schedule.js';
import { checkDecaySteps, checkNumber } from './validate.js';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
  name?: string;
}

export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: ExponentialDecayOptions) {
    super();
    this.initialLearningRate = checkNumber(this.className, 'initial_learning_rate', options.initialLearningRate);
    this.decaySteps = checkDecaySteps(this.className, 'decay_steps', options.decaySteps);
    this.decayRate = checkNumber(this.className, 'decay_rate', options.decayRate);
    this.staircase = options.staircase ?? false;
    this.name = options.name ?? 'ExponentialDecay';
  }

  call(step: tf.Tensor | number): tf.Scalar {
    return tf.tidy(() => {
      let p = tf.div(stepToFloat(step), tf.scalar(this.decaySteps));
      if (this.staircase) p = tf.floor(p);
      return tf.mul(tf.scalar(this.initialLearningRate), tf.pow(tf.scalar(this.decayRate), p));
    });
  }

  getConfig(): ScheduleConfig {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      decay_rate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }

  static fromConfig(config: ScheduleConfig): ExponentialDecay {
    return new ExponentialDecay({
      initialLearningRate: config.initial_learning_rate as number,
      decaySteps: config.decay_steps as number,
      decayRate: config.decay_rate as number,
      staircase: config.staircase as boolean | undefined,
      name: config.name,
    });
  }
}
