/**
 * The Keras JSON shapes of optimizer and schedule configs (snake_case, as Keras writes them), and the helpers
 * that turn them into our camelCase options.
 */
import { ValueError } from '@keras-ts/tensor';

/** One serialized Keras object: Keras 3 writes `module`/`registered_name` too, tf.keras 2 only the pair. */
export interface SerializedKerasObject<C = Record<string, unknown>> {
  module?: string;
  class_name: string;
  config: C;
  registered_name?: string | null;
}

/** A schedule's config, e.g. `{initial_learning_rate, decay_steps, decay_rate, staircase, name}`. */
export type ScheduleConfig = Record<string, unknown> & { name?: string };

/** The keys every Keras 3 optimizer config holds (subclasses add their own, e.g. `beta_1`). */
export interface OptimizerConfig {
  name: string;
  learning_rate: number | SerializedKerasObject;
  weight_decay: number | null;
  clipnorm: number | null;
  global_clipnorm: number | null;
  clipvalue: number | null;
  use_ema: boolean;
  ema_momentum: number;
  ema_overwrite_frequency: number | null;
  loss_scale_factor: number | null;
  gradient_accumulation_steps: number | null;
  [key: string]: unknown;
}

/** `beta_1` → `beta1`, `learning_rate` → `learningRate`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `beta1` → `beta_1`, `learningRate` → `learning_rate`, `l2RegularizationStrength` → `l2_regularization_strength`. */
export function camelToSnake(key: string): string {
  return key.replace(/([a-z])([0-9])/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Keras's `to_snake_case`, used for automatic object names: 'RMSprop' → 'rm_sprop', 'AdamW' → 'adam_w'. */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const nameCounts = new Map<string, number>();

/** Keras's `auto_name`: 'adam', then 'adam_1', 'adam_2', ... (one counter per process). */
export function autoName(className: string): string {
  const base = kerasSnakeCase(className);
  const n = nameCounts.get(base) ?? 0;
  nameCounts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Whether `value` looks like a serialized Keras object (`{class_name, config}`). */
export function isSerializedObject(value: unknown): value is SerializedKerasObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { class_name?: unknown }).class_name === 'string' &&
    typeof (value as { config?: unknown }).config === 'object'
  );
}

/** Throws a ValueError when `value` is not a finite number (the option is named in the message). */
export function requireNumber(owner: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${owner}: argument \`${key}\` must be a finite number. Received: ${key}=${JSON.stringify(value)}`);
  }
  return value;
}
