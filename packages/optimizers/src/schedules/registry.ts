/**
 * Serialization of learning-rate schedules: Keras 3's `{module, class_name, config, registered_name}` out,
 * that or tf.keras 2's `{class_name, config}` in.
 */
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import { isSerializedObject, type ScheduleConfig, type SerializedKerasObject } from '../config.js';
import { CosineDecay } from './cosine-decay.js';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';

type ScheduleFactory = (config: ScheduleConfig) => LearningRateSchedule;

const registry = new Map<string, ScheduleFactory>([
  ['ExponentialDecay', ExponentialDecay.fromConfig],
  ['PiecewiseConstantDecay', PiecewiseConstantDecay.fromConfig],
  ['PolynomialDecay', PolynomialDecay.fromConfig],
  ['InverseTimeDecay', InverseTimeDecay.fromConfig],
  ['CosineDecay', CosineDecay.fromConfig],
  ['CosineDecayRestarts', CosineDecayRestarts.fromConfig],
]);

/** Registers a custom schedule class under its Keras class name (for `deserializeSchedule`). */
export function registerSchedule(className: string, fromConfig: ScheduleFactory): void {
  registry.set(className, fromConfig);
}

export function serializeSchedule(schedule: LearningRateSchedule): SerializedKerasObject<ScheduleConfig> {
  return schedule.serialize();
}

/** Rebuilds a schedule from its serialized form. Unknown class → NotFoundError listing the known ones. */
export function deserializeSchedule(config: unknown): LearningRateSchedule {
  if (!isSerializedObject(config)) {
    throw new ValueError(
      `Could not interpret learning rate schedule: expected {class_name, config}, received ${JSON.stringify(config)}`,
    );
  }
  // tf.keras 2 prefixes registered custom objects ('Custom>...'); the built-in classes are the same.
  const className = config.class_name.replace(/^Custom>/, '');
  const factory = registry.get(className);
  if (!factory) {
    throw new NotFoundError(
      `Unknown learning rate schedule: '${config.class_name}'. Known schedules: ${[...registry.keys()].join(', ')}. ` +
        'Register custom schedules with registerSchedule().',
    );
  }
  return factory(config.config as ScheduleConfig);
}
