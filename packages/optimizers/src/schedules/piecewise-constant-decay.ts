/**
 * `PiecewiseConstantDecay`: `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, and `values[last]` after the last boundary.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { ScheduleConfig } from '../config.js';
import { LearningRateSchedule, stepToFloat } from './learning-rate-schedule.js';

export interface PiecewiseConstantDecayOptions {
  boundaries: number[];
  values: number[];
  name?: string;
}

export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: number[];
  readonly values: number[];
  readonly name: string;

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const { boundaries, values } = options;
    if (!Array.isArray(boundaries) || !Array.isArray(values) || boundaries.length === 0 || boundaries.length !== values.length - 1) {
      throw new ValueError(
        'PiecewiseConstantDecay: `boundaries` must be non-empty and 1 shorter than `values`. ' +
          `Received: boundaries=${JSON.stringify(boundaries)} of length ${boundaries?.length}, and ` +
          `values=${JSON.stringify(values)} of length ${values?.length}.`,
      );
    }
    for (let i = 1; i < boundaries.length; i++) {
      if (!(boundaries[i]! > boundaries[i - 1]!)) {
        throw new ValueError(`PiecewiseConstantDecay: \`boundaries\` must be increasing. Received: boundaries=${JSON.stringify(boundaries)}`);
      }
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
    this.name = options.name ?? 'PiecewiseConstant';
  }

  call(step: tf.Tensor | number): tf.Scalar {
    return tf.tidy(() => {
      // Keras casts the boundaries to the step's dtype: with an integer step, fractional boundaries truncate.
      const intStep = typeof step === 'number' ? Number.isInteger(step) : step.dtype === 'int32';
      const bounds = this.boundaries.map((b) => (intStep ? Math.trunc(b) : b));
      const s = stepToFloat(step);
      const n = bounds.length;
      let result: tf.Tensor = tf.mul(tf.cast(tf.lessEqual(s, bounds[0]!), 'float32'), tf.scalar(this.values[0]!));
      result = tf.add(result, tf.mul(tf.cast(tf.greater(s, bounds[n - 1]!), 'float32'), tf.scalar(this.values[n]!)));
      for (let i = 1; i < n; i++) {
        const inRange = tf.logicalAnd(tf.greater(s, bounds[i - 1]!), tf.lessEqual(s, bounds[i]!));
        result = tf.add(result, tf.mul(tf.cast(inRange, 'float32'), tf.scalar(this.values[i]!)));
      }
      return result as tf.Scalar;
    });
  }

  getConfig(): ScheduleConfig {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }

  static fromConfig(config: ScheduleConfig): PiecewiseConstantDecay {
    return new PiecewiseConstantDecay({
      boundaries: config.boundaries as number[],
      values: config.values as number[],
      name: config.name,
    });
  }
}
