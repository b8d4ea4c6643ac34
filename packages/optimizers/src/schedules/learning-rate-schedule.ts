/**
 * `LearningRateSchedule`: a learning rate that is a function of the optimizer's step (its `iterations`, read
 * before the step's increment). Schedules compute on tensors so that an optimizer step never reads back to JS.
 */
import * as tf from '@keras-ts/tensor';
import type { ScheduleConfig, SerializedKerasObject } from '../config.js';

export abstract class LearningRateSchedule {
  /** The Keras class name written into configs, e.g. 'ExponentialDecay'. */
  abstract readonly className: string;

  /** The learning rate at `step` (an int32 or float32 scalar, or a number), as a float32 scalar. */
  abstract call(step: tf.Tensor | number): tf.Scalar;

  /** The Keras config (snake_case keys), e.g. `{initial_learning_rate, decay_steps, ...}`. */
  abstract getConfig(): ScheduleConfig;

  /** The learning rate at `step` as a number (reads back; for inspection, not for the training step). */
  valueAt(step: number): number {
    return tf.tidy(() => this.call(step).dataSync()[0]!);
  }

  /** The schedule as Keras 3 serializes it: `{module, class_name, config, registered_name}`. */
  serialize(): SerializedKerasObject<ScheduleConfig> {
    return { module: 'keras.optimizers.schedules', class_name: this.className, config: this.getConfig(), registered_name: null };
  }
}

/** The step as a float32 scalar, as Keras's `ops.cast(step, dtype)`. */
export function stepToFloat(step: tf.Tensor | number): tf.Scalar {
  if (typeof step === 'number') return tf.scalar(step, 'float32');
  return (step.dtype === 'float32' ? step : tf.cast(step, 'float32')) as tf.Scalar;
}
