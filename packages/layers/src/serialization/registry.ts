/**
 * The registry of serializable classes (layers, initializers, regularizers, constraints, ...), keyed by the
 * Keras `class_name`. Configs are Keras's own dicts: `{class_name, config}` with snake_case keys, as tf.keras
 * 2.x writes them, or Keras 3's `{module, class_name, config, registered_name}`.
 */
import { NotFoundError, ValueError } from '@keras-ts/tensor';

export type ConfigDict = Record<string, unknown>;
export interface SerializedObject {
  class_name: string;
  config: ConfigDict;
  module?: string | null;
  registered_name?: string | null;
  [k: string]: unknown;
}
export type CustomObjects = Record<string, unknown>;

export interface Serializable {
  getConfig(): ConfigDict;
}
/** A class that can be rebuilt from its config. */
export interface SerializableClass<T = unknown> {
  name: string;
  className?: string;
  fromConfig(config: ConfigDict, customObjects?: CustomObjects): T;
}

const registry = new Map<string, Map<string, SerializableClass>>();

function table(kind: string): Map<string, SerializableClass> {
  let t = registry.get(kind);
  if (!t) registry.set(kind, (t = new Map()));
  return t;
}

/** Registers a class under its Keras class name for one kind of object ('layer', 'initializer', ...). */
export function registerClass(kind: string, cls: SerializableClass, name = cls.className ?? cls.name): void {
  table(kind).set(name, cls);
}

export function registeredClassNames(kind: string): string[] {
  return [...table(kind).keys()];
}

export function lookupClass(kind: string, name: string, customObjects?: CustomObjects): SerializableClass | undefined {
  const custom = customObjects?.[name] ?? customObjects?.[name.split('>').pop()!];
  if (custom) return custom as SerializableClass;
  const t = table(kind);
  return t.get(name) ?? t.get(name.split('>').pop()!) ?? globalCustom.get(name) as SerializableClass | undefined;
}

const globalCustom = new Map<string, unknown>();

/**
 * `keras.utils.registerKerasSerializable`: makes a user class loadable from configs by name
 * (`package>Name`, and plain `Name`), like Python's `@register_keras_serializable(package='Custom')`.
 */
export function registerKerasSerializable(cls: SerializableClass, options: { package?: string; name?: string } = {}): SerializableClass {
  const name = options.name ?? cls.className ?? cls.name;
  const pkg = options.package ?? 'Custom';
  globalCustom.set(`${pkg}>${name}`, cls);
  globalCustom.set(name, cls);
  return cls;
}

export function getRegisteredObject(name: string, customObjects?: CustomObjects): unknown {
  return customObjects?.[name] ?? globalCustom.get(name);
}

export function isSerializedObject(x: unknown): x is SerializedObject {
  return typeof x === 'object' && x !== null && typeof (x as SerializedObject).class_name === 'string';
}

/** Rebuilds an object of `kind` from `{class_name, config}`; unknown names give a NotFoundError with the fix. */
export function deserializeKerasObject<T>(kind: string, serialized: SerializedObject, customObjects?: CustomObjects): T {
  if (!isSerializedObject(serialized)) {
    throw new ValueError(`Could not deserialize ${kind}: expected a {class_name, config} dict, received ${JSON.stringify(serialized)?.slice(0, 200)}`);
  }
  const name = serialized.registered_name && serialized.registered_name !== serialized.class_name ? serialized.registered_name : serialized.class_name;
  const cls = lookupClass(kind, name, customObjects) ?? lookupClass(kind, serialized.class_name, customObjects);
  if (!cls) {
    throw new NotFoundError(
      `Unknown ${kind}: '${serialized.class_name}'. Please ensure you are using a \`keras.utils.registerKerasSerializable\` ` +
        `class or pass it in \`customObjects\` (e.g. loadModel(path, { customObjects: { ${serialized.class_name} } })).`,
    );
  }
  const config = (serialized.config ?? {}) as ConfigDict;
  return cls.fromConfig(config, customObjects) as T;
}

export function serializeKerasObject(obj: Serializable & { constructor: Function }): SerializedObject {
  const cls = obj.constructor as unknown as { className?: string; name: string };
  return { class_name: cls.className ?? cls.name, config: obj.getConfig() };
}
