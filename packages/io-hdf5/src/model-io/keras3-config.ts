/**
 * Keras 3 config dicts for `.keras` files: Keras 3 finds classes by `module` + `class_name`, so every
 * `{class_name, config}` object of a tf.keras 2 style config gets the `module` Keras 3 would write (from the
 * key it sits under) and `registered_name: null`; the model gets `build_config` and `compile_config`.
 */
import type { Model } from '@keras-ts/models';
import { modelConfig } from '@keras-ts/models';
import type { KerasObjectConfig } from '../json-config.js';
import { compileConfigOf } from './training-config.js';

function moduleFor(key: string | undefined): string {
  if (!key) return 'keras.layers';
  if (key.endsWith('_initializer')) return 'keras.initializers';
  if (key.endsWith('_regularizer')) return 'keras.regularizers';
  if (key.endsWith('_constraint')) return 'keras.constraints';
  if (key === 'optimizer') return 'keras.optimizers';
  if (key === 'learning_rate') return 'keras.optimizers.schedules';
  if (key === 'loss') return 'keras.losses';
  if (key === 'metrics' || key === 'weighted_metrics') return 'keras.metrics';
  return 'keras.layers';
}

function withModules(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withModules(v, key));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = withModules(v, k === 'layers' ? 'layers' : k);
  if (typeof o.class_name === 'string' && 'config' in o && !('module' in o)) {
    const isModel = o.class_name === 'Functional' || o.class_name === 'Sequential' || o.class_name === 'Model';
    return { module: isModel ? 'keras' : moduleFor(key), class_name: o.class_name === 'Model' ? 'Functional' : o.class_name, ...out, registered_name: o.class_name === 'Functional' ? 'Functional' : null };
  }
  return out;
}

/** The `config.json` object Keras 3 writes for `model`. */
export function keras3ModelConfig(model: Model): KerasObjectConfig {
  const { class_name, config } = modelConfig(model);
  const converted = withModules({ class_name, config }) as KerasObjectConfig;
  const input = model.isFunctional ? null : (model as unknown as { buildInputShape?: unknown }).buildInputShape ?? null;
  const out: KerasObjectConfig = { ...converted, build_config: { input_shape: input } };
  const compile = compileConfigOf(model);
  if (compile) out.compile_config = withModules(compile) as Record<string, unknown>;
  return out;
}
