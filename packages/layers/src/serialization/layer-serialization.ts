/**
 * `keras.layers.serialize` / `deserialize` over Keras's own config dicts, and the layer registry.
 * Configs written by tf.keras 2.x (`{class_name, config}`) and Keras 3 (`{module, class_name, config,
 * registered_name, build_config}`) both load. In Keras 3 configs, `hard_sigmoid` keeps Keras 3's meaning.
 */
import type { Layer } from '../engine/layer.js';
import type { ConfigDict, CustomObjects, SerializedObject } from './registry.js';
import { deserializeKerasObject, registerClass, registeredClassNames } from './registry.js';
import { withSafeMode } from './safe-mode.js';

export interface LayerClass {
  className: string;
  name: string;
  fromConfig(config: ConfigDict, customObjects?: CustomObjects): Layer;
}

/** Registers a layer class for deserialization under its Keras class name (and aliases). */
export function registerLayer(cls: LayerClass, ...aliases: string[]): void {
  registerClass('layer', cls, cls.className);
  for (const a of aliases) registerClass('layer', cls, a);
}

export function registeredLayerNames(): string[] {
  return registeredClassNames('layer');
}

/** `{class_name, config}` for a layer (tf.keras 2 format). */
export function serialize(layer: Layer): SerializedObject {
  const cls = layer.constructor as unknown as LayerClass;
  return { class_name: cls.className, config: layer.getConfig() };
}

/** Whether a serialized object was written by Keras 3 (module/registered_name keys, or a dtype policy dict). */
export function isKeras3Config(obj: SerializedObject): boolean {
  return 'module' in obj || 'registered_name' in obj || (typeof obj.config?.dtype === 'object' && obj.config?.dtype !== null);
}

const KERAS3_ACTIVATION_KEYS = ['activation', 'recurrent_activation'];

export interface DeserializeOptions {
  customObjects?: CustomObjects;
  /** Refuse objects that would run code from the file (Lambda). Default true. */
  safeMode?: boolean;
}

/** Builds a layer from `{class_name, config}`. Unknown classes give a NotFoundError naming them. */
export function deserialize(serialized: SerializedObject, options: DeserializeOptions | CustomObjects = {}): Layer {
  const opts: DeserializeOptions = 'customObjects' in options || 'safeMode' in options ? (options as DeserializeOptions) : { customObjects: options as CustomObjects };
  let obj = serialized;
  if (obj && typeof obj === 'object' && isKeras3Config(obj) && obj.config) {
    const config = { ...obj.config };
    for (const k of KERAS3_ACTIVATION_KEYS) if (config[k] === 'hard_sigmoid') config[k] = 'keras3>hard_sigmoid';
    obj = { ...obj, config };
  }
  return withSafeMode(opts.safeMode, () => deserializeKerasObject<Layer>('layer', obj, opts.customObjects));
}
