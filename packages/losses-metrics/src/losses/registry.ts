/**
 * `keras.losses.get`, `serialize`, `deserialize`: losses by Keras name ('categorical_crossentropy', 'mse', ...),
 * by class name ('CategoricalCrossentropy'), from `{class_name, config}` dicts (tf.keras 2 and Keras 3), or
 * given as a `Loss` or a function.
 */
import * as tf from '@keras-ts/tensor';
import { type ConfigDict, type SerializedObject, isSerializedObject } from '../internal/config.js';
import { Loss, type LossFn, LossFunctionWrapper } from './loss.js';
import * as hingeFns from './hinge-fns.js';
import * as probFns from './probabilistic-fns.js';
import * as regFns from './regression-fns.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge-losses.js';
import {
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  KLDivergence,
  Poisson,
  SparseCategoricalCrossentropy,
} from './probabilistic-losses.js';
import {
  CosineSimilarity,
  Huber,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression-losses.js';

/** A class that builds a Loss from options or a Keras config. */
export interface LossClass {
  className: string;
  new (options?: never): Loss;
  fromConfig(config: ConfigDict): Loss;
}

/** What `get` accepts. */
export type LossIdentifier = string | Loss | LossFn | SerializedObject | null | undefined;
export type CustomObjects = Record<string, LossClass | LossFn>;

const CLASSES: LossClass[] = [
  MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, Huber, LogCosh,
  CosineSimilarity, Hinge, SquaredHinge, CategoricalHinge, BinaryCrossentropy, BinaryFocalCrossentropy,
  CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson,
] as unknown as LossClass[];
const classByName = new Map<string, LossClass>(CLASSES.map((c) => [c.className, c]));

const fn2 = (f: (t: tf.Tensor, p: tf.Tensor) => tf.Tensor): LossFn => (t, p) => f(t, p);

/** The loss functions by canonical Keras name. */
export const LOSS_FUNCTIONS: Record<string, LossFn> = {
  mean_squared_error: regFns.meanSquaredError,
  mean_absolute_error: regFns.meanAbsoluteError,
  mean_absolute_percentage_error: regFns.meanAbsolutePercentageError,
  mean_squared_logarithmic_error: regFns.meanSquaredLogarithmicError,
  huber: fn2((t, p) => regFns.huber(t, p)),
  log_cosh: regFns.logCosh,
  cosine_similarity: fn2((t, p) => regFns.cosineSimilarity(t, p)),
  hinge: hingeFns.hinge,
  squared_hinge: hingeFns.squaredHinge,
  categorical_hinge: hingeFns.categoricalHinge,
  binary_crossentropy: fn2((t, p) => probFns.binaryCrossentropy(t, p)),
  binary_focal_crossentropy: fn2((t, p) => probFns.binaryFocalCrossentropy(t, p)),
  categorical_crossentropy: fn2((t, p) => probFns.categoricalCrossentropy(t, p)),
  categorical_focal_crossentropy: fn2((t, p) => probFns.categoricalFocalCrossentropy(t, p)),
  sparse_categorical_crossentropy: fn2((t, p) => probFns.sparseCategoricalCrossentropy(t, p)),
  kl_divergence: probFns.klDivergence,
  poisson: probFns.poisson,
};

/** Short and legacy names of the functions (tf.keras 2 accepts all of these). */
export const LOSS_ALIASES: Record<string, string> = {
  mse: 'mean_squared_error', MSE: 'mean_squared_error',
  mae: 'mean_absolute_error', MAE: 'mean_absolute_error',
  mape: 'mean_absolute_percentage_error', MAPE: 'mean_absolute_percentage_error',
  msle: 'mean_squared_logarithmic_error', MSLE: 'mean_squared_logarithmic_error',
  kld: 'kl_divergence', KLD: 'kl_divergence', kullback_leibler_divergence: 'kl_divergence',
  logcosh: 'log_cosh', huber_loss: 'huber',
};

const nameOfFn = new Map<LossFn, string>(Object.entries(LOSS_FUNCTIONS).map(([k, f]) => [f, k]));

/** The canonical Keras name of a loss identifier string, or undefined when it names no loss function. */
export function canonicalLossName(name: string): string | undefined {
  if (name in LOSS_FUNCTIONS) return name;
  return LOSS_ALIASES[name];
}

function known(): string {
  return [...classByName.keys(), ...Object.keys(LOSS_FUNCTIONS), ...Object.keys(LOSS_ALIASES)].join(', ');
}

function notFound(name: string): tf.NotFoundError {
  return new tf.NotFoundError(
    `Unknown loss: '${name}'. Expected a Keras loss name or class name (one of ${known()}), a Loss, or a ` +
      'function (yTrue, yPred) => Tensor. For a custom loss, pass it in customObjects.',
  );
}

/** Rebuilds a loss from `{class_name, config}` or a name. */
export function deserialize(config: SerializedObject | string, customObjects: CustomObjects = {}): Loss | LossFn {
  if (typeof config === 'string') {
    const custom = customObjects[config];
    if (custom) return typeof custom === 'function' && 'fromConfig' in custom ? new (custom as LossClass)() : (custom as LossFn);
    const cls = classByName.get(config);
    if (cls) return new cls();
    const fnName = canonicalLossName(config);
    if (fnName) return LOSS_FUNCTIONS[fnName];
    throw notFound(config);
  }
  if (!isSerializedObject(config)) {
    throw new tf.ValueError(`Could not deserialize a loss: expected a {class_name, config} dict or a name, received ${JSON.stringify(config)?.slice(0, 200)}`);
  }
  const { class_name: className, config: inner, registered_name: registered } = config;
  if (className === 'function') {
    // Keras 3 writes functions as {class_name: 'function', config: 'mean_squared_error'}.
    if (typeof inner !== 'string') throw new tf.ValueError(`Could not deserialize a loss function: config must be its name, received ${JSON.stringify(inner)}`);
    return deserialize(inner, customObjects);
  }
  const name = registered && registered !== className && customObjects[registered] ? registered : className;
  const custom = customObjects[name] ?? customObjects[name.split('>').pop()!];
  const cls = (custom && 'fromConfig' in custom ? (custom as LossClass) : undefined) ?? classByName.get(className);
  if (!cls) {
    if (custom) return custom as LossFn;
    if (canonicalLossName(className)) return LOSS_FUNCTIONS[canonicalLossName(className)!];
    throw notFound(className);
  }
  if (inner !== null && inner !== undefined && (typeof inner !== 'object' || Array.isArray(inner))) {
    throw new tf.ValueError(`Could not deserialize loss ${className}: its config must be a dict, received ${JSON.stringify(inner)}`);
  }
  return cls.fromConfig((inner ?? {}) as ConfigDict);
}

/** `{class_name, config}` for a Loss (tf.keras 2 format); the Keras name for a built-in function. */
export function serialize(loss: Loss | LossFn): SerializedObject | string {
  if (loss instanceof Loss) {
    const className = (loss.constructor as unknown as LossClass).className;
    return { class_name: className, config: loss.getConfig() };
  }
  const name = nameOfFn.get(loss) ?? loss.name;
  if (!name) throw new tf.ValueError('Cannot serialize an anonymous loss function: give it a name or make it a Loss class.');
  return name;
}

/**
 * Resolves a loss identifier: a name returns the Keras function (`'mse'` → `meanSquaredError`), a class name
 * or config dict a new Loss, a Loss or function itself. Null stays null. Unknown names throw `NotFoundError`.
 */
export function get(identifier: LossIdentifier, customObjects: CustomObjects = {}): Loss | LossFn | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string' || isSerializedObject(identifier)) return deserialize(identifier, customObjects);
  throw new tf.ValueError(`Could not interpret loss identifier: ${JSON.stringify(identifier)?.slice(0, 200)}`);
}

/** The built-in loss classes by Keras class name. */
export function lossClasses(): ReadonlyMap<string, LossClass> {
  return classByName;
}

/**
 * Resolves a `compile(loss=...)` entry to a Loss, as tf.keras 2's LossesContainer does: names and dicts go
 * through `get`, and a function becomes a LossFunctionWrapper named after it ('mse' → 'mean_squared_error').
 */
export function resolveLoss(identifier: LossIdentifier, customObjects: CustomObjects = {}): Loss {
  const resolved = get(identifier, customObjects);
  if (resolved === null) throw new tf.ValueError('Expected a loss, received null.');
  if (resolved instanceof Loss) return resolved;
  const name = nameOfFn.get(resolved) ?? resolved.name;
  if (!name) throw new tf.ValueError('A loss function needs a name: give the function a name, or make it a Loss class.');
  return new LossFunctionWrapper((t: tf.Tensor, p: tf.Tensor) => resolved(t, p), { name });
}
