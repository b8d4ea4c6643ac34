/** Keras config dicts (snake_case keys) and TypeScript options (camelCase keys). */
import * as tf from '@keras-ts/tensor';

export type ConfigDict = Record<string, unknown>;

/** `{class_name, config}` as tf.keras 2 writes it, or Keras 3's `{module, class_name, config, registered_name}`. */
export interface SerializedObject {
  class_name: string;
  config: ConfigDict | string | null;
  module?: string | null;
  registered_name?: string | null;
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
export function camelizeKeys(config: ConfigDict): ConfigDict {
  const out: ConfigDict = {};
  for (const [k, v] of Object.entries(config)) out[snakeToCamel(k)] = v;
  return out;
}
export function snakeKeys(options: ConfigDict): ConfigDict {
  const out: ConfigDict = {};
  for (const [k, v] of Object.entries(options)) out[camelToSnake(k)] = v;
  return out;
}

export function isSerializedObject(x: unknown): x is SerializedObject {
  return typeof x === 'object' && x !== null && typeof (x as SerializedObject).class_name === 'string';
}

/** Throws a ValueError naming the keys of `options` that `what` does not take. */
export function checkKeys(options: object, allowed: Iterable<string>, what: string): void {
  const ok = new Set(allowed);
  const bad = Object.keys(options).filter((k) => !ok.has(k) && (options as ConfigDict)[k] !== undefined);
  if (bad.length) {
    throw new tf.ValueError(
      `${what}: unrecognized argument${bad.length > 1 ? 's' : ''} ${bad.map((k) => `'${camelToSnake(k)}'`).join(', ')}. ` +
        `Expected some of: ${[...ok].map(camelToSnake).join(', ')}.`,
    );
  }
}

/** Only float32 computation is supported; a config's dtype must be absent, null or float32. */
export function checkDtype(dtype: unknown, what: string): void {
  if (dtype === undefined || dtype === null || dtype === 'float32') return;
  if (typeof dtype === 'object' && (dtype as ConfigDict).config && ((dtype as { config: ConfigDict }).config.name === 'float32')) return;
  throw new tf.NotImplementedError(`${what}: only dtype 'float32' is supported. Received: dtype=${JSON.stringify(dtype)}`);
}
