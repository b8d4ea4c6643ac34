/**
 * The options every optimizer takes, and their validation (Keras's wording), done before any variable exists.
 */
import { ValueError } from '@keras-ts/tensor';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';

export type LearningRate = number | LearningRateSchedule;

/** The options every optimizer takes (camelCase of Keras's keyword arguments). */
export interface OptimizerOptions {
  learningRate?: LearningRate;
  /** Decoupled weight decay: before each update, `variable -= variable * weightDecay * learningRate`. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm. At most one of the three clipping options may be set. */
  clipnorm?: number | null;
  /** Clip each gradient element to `[-clipvalue, clipvalue]`. */
  clipvalue?: number | null;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  /** Gradients are divided by this before clipping (the loss was multiplied by it; see `scaleLoss`). */
  lossScaleFactor?: number | null;
  /**
   * Keep an exponential moving average of the model variables (slots named `average`): after each step,
   * `average = m * average + (1 - m) * variable` with `m = emaMomentum` (0 on the first step).
   */
  useEma?: boolean;
  /** In [0, 1]. Default 0.99. */
  emaMomentum?: number;
  /** Every this many steps, overwrite the model variables with their averages. Default null (never; call
   * `finalizeVariableValues` at the end of training). */
  emaOverwriteFrequency?: number | null;
  /**
   * Update the variables only every this many steps (>= 2), with the mean of the gradients since the last
   * update. The update rules then count `floor(iterations / steps)` steps; schedules still see `iterations`.
   */
  gradientAccumulationSteps?: number | null;
  name?: string;
}

const BASE_OPTIONS = [
  'learningRate', 'weightDecay', 'clipnorm', 'clipvalue', 'globalClipnorm', 'lossScaleFactor', 'useEma',
  'emaMomentum', 'emaOverwriteFrequency', 'gradientAccumulationSteps', 'name',
];

function optionalPositive(owner: string, key: string, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${owner}: argument \`${key}\` must be a non-negative number or null. Received: ${key}=${JSON.stringify(value)}`);
  }
  return value;
}

export interface ResolvedBaseOptions {
  name: string | undefined;
  weightDecay: number | null;
  clipnorm: number | null;
  clipvalue: number | null;
  globalClipnorm: number | null;
  lossScaleFactor: number | null;
  useEma: boolean;
  emaMomentum: number;
  emaOverwriteFrequency: number | null;
  gradientAccumulationSteps: number | null;
  learningRate: LearningRate;
}

/** Checks the base options (and that no option is unknown to the subclass); returns them with defaults. */
export function resolveBaseOptions(
  className: string,
  options: OptimizerOptions & Record<string, unknown>,
  ownOptions: readonly string[],
  defaultLearningRate: number,
): ResolvedBaseOptions {
  const unknown = Object.keys(options).filter((k) => options[k] !== undefined && !BASE_OPTIONS.includes(k) && !ownOptions.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(`${className}: argument(s) not recognized: ${unknown.join(', ')}. Known: ${[...BASE_OPTIONS, ...ownOptions].join(', ')}`);
  }
  const name = options.name;
  const weightDecay = optionalPositive(className, 'weight_decay', options.weightDecay);
  const clipnorm = optionalPositive(className, 'clipnorm', options.clipnorm);
  const clipvalue = optionalPositive(className, 'clipvalue', options.clipvalue);
  const globalClipnorm = optionalPositive(className, 'global_clipnorm', options.globalClipnorm);
  const clips = [clipnorm, clipvalue, globalClipnorm].filter((c) => c !== null).length;
  if (clips > 1) {
    throw new ValueError(
      `${className}: only one of \`clipnorm\`, \`clipvalue\` and \`global_clipnorm\` can be set. Received: ` +
        `clipnorm=${clipnorm}, clipvalue=${clipvalue}, global_clipnorm=${globalClipnorm}`,
    );
  }
  const lossScaleFactor = optionalPositive(className, 'loss_scale_factor', options.lossScaleFactor);
  const gradientAccumulationSteps = options.gradientAccumulationSteps ?? null;
  if (gradientAccumulationSteps !== null && !(Number.isInteger(gradientAccumulationSteps) && gradientAccumulationSteps >= 2)) {
    throw new ValueError(
      `${className}: \`gradient_accumulation_steps\` must be an integer >= 2. Received: gradient_accumulation_steps=${JSON.stringify(gradientAccumulationSteps)}`,
    );
  }
  const useEma = options.useEma ?? false;
  const emaMomentum = options.emaMomentum ?? 0.99;
  const emaOverwriteFrequency = options.emaOverwriteFrequency ?? null;
  if (useEma) {
    if (typeof emaMomentum !== 'number' || !(emaMomentum >= 0 && emaMomentum <= 1)) {
      throw new ValueError(`${className}: \`ema_momentum\` must be in the range [0, 1]. Received: ema_momentum=${JSON.stringify(emaMomentum)}`);
    }
    const f = emaOverwriteFrequency;
    if (f !== null && !(Number.isInteger(f) && f >= 1)) {
      throw new ValueError(`${className}: \`ema_overwrite_frequency\` must be an integer >= 1 or null. Received: ema_overwrite_frequency=${JSON.stringify(f)}`);
    }
  }

  const learningRate = options.learningRate ?? defaultLearningRate;
  if (!(learningRate instanceof LearningRateSchedule) && !(typeof learningRate === 'number' && Number.isFinite(learningRate))) {
    throw new ValueError(
      `${className}: argument \`learning_rate\` should be a number or a LearningRateSchedule. Received: learning_rate=${String(learningRate)}`,
    );
  }
  return {
    name, weightDecay, clipnorm, clipvalue, globalClipnorm, lossScaleFactor, useEma, emaMomentum, emaOverwriteFrequency,
    gradientAccumulationSteps, learningRate,
  };
}
