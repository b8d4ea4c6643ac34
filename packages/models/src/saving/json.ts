/**
 * Model configs as JSON and YAML in Keras's format: `{class_name, config, keras_version, backend}`.
 * `modelFromJson` accepts what tf.keras 2.x and Keras 3 write.
 */
import { ValueError } from '@keras-ts/tensor';
import { deserialize, serialize, type CustomObjects, type SerializedObject } from '@keras-ts/layers';
import YAML from 'yaml';
import type { Model } from '../model.js';

/** The Keras version written in files (the tf.keras 2.x format we follow). */
export const KERAS_VERSION = '2.15.0';

export function modelConfig(model: Model): SerializedObject & { keras_version: string; backend: string } {
  const s = serialize(model);
  const className = s.class_name === 'Model' ? 'Functional' : s.class_name;
  return { class_name: className, config: s.config, keras_version: KERAS_VERSION, backend: 'tensorflow' };
}

export function toJson(model: Model): string {
  return JSON.stringify(modelConfig(model));
}
export function toYaml(model: Model): string {
  return YAML.stringify(modelConfig(model));
}

export interface FromConfigOptions {
  customObjects?: CustomObjects;
  safeMode?: boolean;
}

/** Builds a model (or layer) from a parsed Keras config. */
export function modelFromConfig(config: unknown, options: FromConfigOptions = {}): Model {
  if (!config || typeof config !== 'object' || typeof (config as SerializedObject).class_name !== 'string') {
    throw new ValueError(`Invalid model config: expected an object with "class_name" and "config", received ${JSON.stringify(config)?.slice(0, 200)}`);
  }
  const kv = (config as { keras_version?: string }).keras_version;
  if (typeof kv === 'string' && kv.startsWith('1.')) {
    throw new ValueError(`This model config was written by Keras ${kv}: the Keras 1 format is not supported (re-save it with Keras 2 or later).`);
  }
  return deserialize(config as SerializedObject, options) as Model;
}

/** `keras.models.modelFromJson(json, { customObjects })`. */
export function modelFromJson(json: string, options: FromConfigOptions = {}): Model {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new ValueError(`modelFromJson: invalid JSON (${(e as Error).message}).`);
  }
  return modelFromConfig(parsed, options);
}

/** `keras.models.modelFromYaml(yaml, { customObjects })`. */
export function modelFromYaml(text: string, options: FromConfigOptions = {}): Model {
  let parsed: unknown;
  try {
    // Plain YAML only: no custom tags, so nothing in the file can construct objects.
    parsed = YAML.parse(text, { customTags: [], maxAliasCount: 100 });
  } catch (e) {
    throw new ValueError(`modelFromYaml: invalid YAML (${(e as Error).message}).`);
  }
  return modelFromConfig(parsed, options);
}
