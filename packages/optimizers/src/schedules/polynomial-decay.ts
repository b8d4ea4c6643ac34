/**
 * `PolynomialDecay`: `(initial - end) * (1 - step / decaySteps) ^ power + end`, with the step held at
 * `decaySteps`, or (with `cycle`) `decaySteps` stretched to the first multiple of it above the step.
 */
import * as tf from '@keras-ts/tensor';
import type { ScheduleConfig } from '../config.js';
import { LearningRateSchedule, stepToFloat } from './learning-rate-schedule.js';
import { checkDecaySteps, checkNumber } from './validate.js';

export interface PolynomialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** Default 0.0001. */
  endLearningRate?: number;
  /** Default 1. */
  power?: number;
  cycle?: boolean;
  name?: string;
}

export class PolynomialDecay extends LearningRateSchedule {
  readonly className = 'PolynomialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(options: PolynomialDecayOptions) {
    super();
    this.initialLearningRate = checkNumber(this.className, 'initial_learning_rate', options.initialLearningRate);
    this.decaySteps = checkDecaySteps(this.className, 'decay_steps', options.decaySteps);
    this.endLearningRate = checkNumber(this.className, 'end_learning_rate', options.endLearningRate ?? 0.0001);
    this.power = checkNumber(this.className, 'power', options.power ?? 1.0);
    this.cycle = options.cycle ?? false;
    this.name = options.name ?? 'PolynomialDecay';
  }

  call(step: tf.Tensor | number): tf.Scalar {
    return tf.tidy(() => {
      let globalStep: tf.Tensor = stepToFloat(step);
      let decaySteps: tf.Tensor = tf.scalar(this.decaySteps);
      if (this.cycle) {
        const multiplier = tf.where(tf.equal(globalStep, 0), tf.scalar(1), tf.ceil(tf.div(globalStep, decaySteps)));
        decaySteps = tf.mul(decaySteps, multiplier);
      } else {
        globalStep = tf.minimum(globalStep, decaySteps);
      }
      const p = tf.div(globalStep, decaySteps);
      const span = tf.sub(tf.scalar(this.initialLearningRate), tf.scalar(this.endLearningRate));
      return tf.add(tf.mul(span, tf.pow(tf.sub(tf.scalar(1), p), tf.scalar(this.power))), tf.scalar(this.endLearningRate));
    });
  }

  getConfig(): ScheduleConfig {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      end_learning_rate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }

  static fromConfig(config: ScheduleConfig): PolynomialDecay {
    return new PolynomialDecay({
      initialLearningRate: config.initial_learning_rate as number,
      decaySteps: config.decay_steps as number,
      endLearningRate: config.end_learning_rate as number | undefined,
      power: config.power as number | undefined,
      cycle: config.cycle as boolean | undefined,
      name: config.name,
    });
  }
}
