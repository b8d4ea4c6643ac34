/**
 * `get`, `serialize` and `deserialize` for optimizers, reading Keras 3 configs and tf.keras 2 ones (see
 * `optionsFromConfig`); `Custom>Adam` class names (tf 2.11 files) resolve to the built-in class.
 */
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { isSerializedObject, type OptimizerConfig, type SerializedKerasObject } from './config.js';
import { optionsFromConfig } from './options-from-config.js';
import { Ftrl } from './ftrl.js';
import { Nadam } from './nadam.js';
import { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

type OptimizerClass = new (options: Record<string, unknown>) => Optimizer;

const registry = new Map<string, { className: string; cls: OptimizerClass }>();

/** Registers an optimizer class under its Keras class name (looked up case-insensitively). */
export function registerOptimizer(className: string, cls: new (options: never) => Optimizer): void {
  registry.set(className.toLowerCase(), { className, cls: cls as unknown as OptimizerClass });
}

for (const [name, cls] of [
  ['SGD', SGD], ['RMSprop', RMSprop], ['Adam', Adam], ['AdamW', AdamW], ['Adagrad', Adagrad],
  ['Adadelta', Adadelta], ['Adamax', Adamax], ['Nadam', Nadam], ['Ftrl', Ftrl],
] as const) {
  registerOptimizer(name, cls);
}

function lookup(className: string): { className: string; cls: OptimizerClass } {
  const entry = registry.get(className.replace(/^Custom>/, '').toLowerCase());
  if (!entry) {
    const known = [...registry.values()].map((e) => e.className).join(', ');
    throw new NotFoundError(`Unknown optimizer: '${className}'. Known optimizers: ${known}. Register custom ones with registerOptimizer().`);
  }
  return entry;
}

/** Creates an optimizer of class `className` from its Keras config. */
export function optimizerFromConfig(className: string, config: Record<string, unknown>): Optimizer {
  const { cls } = lookup(className);
  return new cls(optionsFromConfig(config));
}

/** The optimizer as Keras 3 serializes it: `{module: 'keras.optimizers', class_name, config, registered_name}`. */
export function serialize(optimizer: Optimizer): SerializedKerasObject<OptimizerConfig> {
  return { module: 'keras.optimizers', class_name: optimizer.className, config: optimizer.getConfig(), registered_name: null };
}

/** Rebuilds an optimizer from `{class_name, config}` (Keras 3 or tf.keras 2). Class names are case-insensitive. */
export function deserialize(config: unknown): Optimizer {
  if (!isSerializedObject(config)) {
    throw new ValueError(`Could not interpret optimizer config: expected {class_name, config}, received ${JSON.stringify(config)}`);
  }
  return optimizerFromConfig(config.class_name, config.config as Record<string, unknown>);
}

/**
 * Keras's `optimizers.get`: a name ('adam', 'SGD', ... case-insensitive; a new instance with defaults), a
 * serialized config, or an instance (returned as is).
 */
export function get(identifier: string | SerializedKerasObject | Optimizer): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') return optimizerFromConfig(identifier, {});
  if (isSerializedObject(identifier)) return deserialize(identifier);
  throw new ValueError(`Could not interpret optimizer identifier: ${JSON.stringify(identifier)}`);
}
