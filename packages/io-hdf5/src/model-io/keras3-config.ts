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

/** tf.keras 2 layer-config keys Keras 3 layers reject. */
const DROPPED_KEYS = ['time_major'];

function withModules(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withModules(v, key));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = withModules(v, k === 'layers' ? 'layers' : k);
  if (typeof o.class_name === 'string' && 'config' in o && !('module' in o)) {
    const cls = o.class_name === 'Model' ? 'Functional' : o.class_name;
    if (cls === 'Functional') return { module: 'keras.src.models.functional', class_name: cls, ...out, registered_name: 'Functional' };
    if (cls === 'Sequential') return { module: 'keras', class_name: cls, ...out, config: sequentialConfig(out.config, o.config), registered_name: null };
    return { module: moduleFor(key), class_name: cls, ...out, config: layerConfig(cls, out.config), registered_name: null };
  }
  return out;
}

/** Layer-config values Keras 3 reads differently from tf.keras 2: a one-axis list becomes its int. */
function portable(c: Record<string, unknown>): Record<string, unknown> {
  for (const k of DROPPED_KEYS) delete c[k];
  if (Array.isArray(c.axis) && c.axis.length === 1 && typeof c.axis[0] === 'number') c.axis = c.axis[0];
  return c;
}

/**
 * A tf.keras 2 style model config that Keras 3's legacy HDF5 loader also accepts (drops `time_major`,
 * unwraps one-element `axis` lists); the layout stays tf.keras 2's.
 */
export function portableKeras2Config<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => portableKeras2Config(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const o = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, portableKeras2Config(v)]));
  if (typeof o.class_name === 'string' && o.config && typeof o.config === 'object' && !Array.isArray(o.config)) o.config = portable({ ...(o.config as Record<string, unknown>) });
  return o as T;
}

function layerConfig(cls: string, config: unknown): unknown {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return config;
  const c = portable({ ...(config as Record<string, unknown>) });
  if ('batch_input_shape' in c) {
    if (cls === 'InputLayer') c.batch_shape = c.batch_input_shape;
    delete c.batch_input_shape;
  }
  return c;
}

/** Keras 3 Sequential configs start with an InputLayer instead of a `batch_input_shape` on the first layer. */
function sequentialConfig(converted: unknown, original: unknown): unknown {
  if (!converted || typeof converted !== 'object') return converted;
  const c = converted as Record<string, unknown> & { layers?: Array<Record<string, unknown>> };
  const layers = c.layers ?? [];
  const first = ((original as { layers?: Array<{ class_name?: string; config?: Record<string, unknown> }> }).layers ?? [])[0];
  const shape = first?.config?.batch_input_shape;
  if (!first || first.class_name === 'InputLayer' || !Array.isArray(shape)) return c;
  const input = {
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: { batch_shape: shape, dtype: typeof first.config?.dtype === 'string' ? first.config.dtype : 'float32', sparse: false, name: `${String(first.config?.name ?? 'input')}_input` },
    registered_name: null,
  };
  return { ...c, layers: [input, ...layers] };
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
