/**
 * `keras.metrics.get`, `serialize`, `deserialize`: metrics by Keras name ('accuracy', 'mse', 'AUC',
 * 'top_k_categorical_accuracy', ...), from `{class_name, config}` dicts, or given as a Metric or a function.
 */
import * as tf from '@keras-ts/tensor';
import { type ConfigDict, type SerializedObject, isSerializedObject } from '../internal/config.js';
import * as hingeFns from '../losses/hinge-fns.js';
import * as probFns from '../losses/probabilistic-fns.js';
import * as regFns from '../losses/regression-fns.js';
import * as accFns from './accuracy-fns.js';
import { Metric } from './metric.js';
import { Mean, MeanMetricWrapper, Sum } from './reduction-metrics.js';
import {
  Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy,
} from './accuracy-metrics.js';
import { AUC } from './auc.js';
import { FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives } from './confusion-metrics.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge-metrics.js';
import { BinaryCrossentropy, CategoricalCrossentropy, KLDivergence, Poisson, SparseCategoricalCrossentropy } from './probabilistic-metrics.js';
import {
  CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError, MeanSquaredLogarithmicError,
  RootMeanSquaredError, cosineSimilarity,
} from './regression-metrics.js';

/** A per-sample metric function `(yTrue, yPred) => values`. */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface MetricClass {
  className: string;
  new (options?: never): Metric;
  fromConfig(config: ConfigDict): Metric;
}
export type MetricIdentifier = string | Metric | MetricFunction | SerializedObject | null | undefined;
export type CustomObjects = Record<string, MetricClass | MetricFunction>;

const CLASSES = [
  Mean, Sum, Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy, AUC, Precision, Recall, TruePositives, FalsePositives, TrueNegatives, FalseNegatives,
  MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, RootMeanSquaredError,
  CosineSimilarity, LogCoshError, Hinge, SquaredHinge, CategoricalHinge, BinaryCrossentropy, CategoricalCrossentropy,
  SparseCategoricalCrossentropy, KLDivergence, Poisson,
] as unknown as MetricClass[];
const classByName = new Map<string, MetricClass>(CLASSES.map((c) => [c.className, c]));

/** Lower-case names that give metric objects (stateful metrics have no function form). */
const CLASS_ALIASES: Record<string, string> = {
  auc: 'AUC', precision: 'Precision', recall: 'Recall', true_positives: 'TruePositives', false_positives: 'FalsePositives',
  true_negatives: 'TrueNegatives', false_negatives: 'FalseNegatives', root_mean_squared_error: 'RootMeanSquaredError',
  rmse: 'RootMeanSquaredError',
};

const f = (fn: (t: tf.Tensor, p: tf.Tensor) => tf.Tensor): MetricFunction => (t, p) => fn(t, p);

/** Metric functions by canonical Keras name. */
export const METRIC_FUNCTIONS: Record<string, MetricFunction> = {
  accuracy: accFns.accuracy,
  binary_accuracy: f((t, p) => accFns.binaryAccuracy(t, p)),
  categorical_accuracy: accFns.categoricalAccuracy,
  sparse_categorical_accuracy: accFns.sparseCategoricalAccuracy,
  top_k_categorical_accuracy: f((t, p) => accFns.topKCategoricalAccuracy(t, p)),
  sparse_top_k_categorical_accuracy: f((t, p) => accFns.sparseTopKCategoricalAccuracy(t, p)),
  mean_squared_error: regFns.meanSquaredError,
  mean_absolute_error: regFns.meanAbsoluteError,
  mean_absolute_percentage_error: regFns.meanAbsolutePercentageError,
  mean_squared_logarithmic_error: regFns.meanSquaredLogarithmicError,
  log_cosh: regFns.logCosh,
  cosine_similarity: f((t, p) => cosineSimilarity(t, p)),
  huber: f((t, p) => regFns.huber(t, p)),
  hinge: hingeFns.hinge,
  squared_hinge: hingeFns.squaredHinge,
  categorical_hinge: hingeFns.categoricalHinge,
  binary_crossentropy: f((t, p) => probFns.binaryCrossentropy(t, p)),
  binary_focal_crossentropy: f((t, p) => probFns.binaryFocalCrossentropy(t, p)),
  categorical_crossentropy: f((t, p) => probFns.categoricalCrossentropy(t, p)),
  categorical_focal_crossentropy: f((t, p) => probFns.categoricalFocalCrossentropy(t, p)),
  sparse_categorical_crossentropy: f((t, p) => probFns.sparseCategoricalCrossentropy(t, p)),
  kl_divergence: probFns.klDivergence,
  poisson: probFns.poisson,
};

export const METRIC_ALIASES: Record<string, string> = {
  acc: 'accuracy',
  mse: 'mean_squared_error', MSE: 'mean_squared_error',
  mae: 'mean_absolute_error', MAE: 'mean_absolute_error',
  mape: 'mean_absolute_percentage_error', MAPE: 'mean_absolute_percentage_error',
  msle: 'mean_squared_logarithmic_error', MSLE: 'mean_squared_logarithmic_error',
  kld: 'kl_divergence', KLD: 'kl_divergence', kullback_leibler_divergence: 'kl_divergence',
  logcosh: 'log_cosh',
};

const nameOfFn = new Map<MetricFunction, string>(Object.entries(METRIC_FUNCTIONS).map(([k, fn]) => [fn, k]));

export function canonicalMetricName(name: string): string | undefined {
  if (name in METRIC_FUNCTIONS) return name;
  return METRIC_ALIASES[name];
}

function notFound(name: string): tf.NotFoundError {
  const known = [...classByName.keys(), ...Object.keys(CLASS_ALIASES), ...Object.keys(METRIC_FUNCTIONS), ...Object.keys(METRIC_ALIASES)];
  return new tf.NotFoundError(
    `Unknown metric: '${name}'. Expected a Keras metric name or class name (one of ${known.join(', ')}), a Metric, or a ` +
      'function (yTrue, yPred) => Tensor. For a custom metric, pass it in customObjects.',
  );
}

function isClass(x: unknown): x is MetricClass {
  return typeof x === 'function' && 'fromConfig' in x;
}

/** Rebuilds a metric from `{class_name, config}` or a name (a function name gives the function). */
export function deserialize(config: SerializedObject | string, customObjects: CustomObjects = {}): Metric | MetricFunction {
  if (typeof config === 'string') {
    const custom = customObjects[config];
    if (custom) return isClass(custom) ? new custom() : custom;
    const cls = classByName.get(config) ?? classByName.get(CLASS_ALIASES[config]);
    if (cls) return new cls();
    const fnName = canonicalMetricName(config);
    if (fnName) return METRIC_FUNCTIONS[fnName];
    throw notFound(config);
  }
  if (!isSerializedObject(config)) {
    throw new tf.ValueError(`Could not deserialize a metric: expected a {class_name, config} dict or a name, received ${JSON.stringify(config)?.slice(0, 200)}`);
  }
  const { class_name: className, config: inner } = config;
  if (className === 'function') {
    if (typeof inner !== 'string') throw new tf.ValueError(`Could not deserialize a metric function: config must be its name, received ${JSON.stringify(inner)}`);
    return deserialize(inner, customObjects);
  }
  if (inner !== null && inner !== undefined && (typeof inner !== 'object' || Array.isArray(inner))) {
    throw new tf.ValueError(`Could not deserialize metric ${className}: its config must be a dict, received ${JSON.stringify(inner)}`);
  }
  const cfg = (inner ?? {}) as ConfigDict;
  const custom = customObjects[className] ?? customObjects[className.split('>').pop()!];
  if (custom) return isClass(custom) ? custom.fromConfig(cfg) : custom;
  if (className === 'MeanMetricWrapper') {
    // tf.keras 2 writes the wrapped function's name as config.fn.
    const { fn, name, dtype } = cfg;
    if (typeof fn !== 'string') throw new tf.ValueError(`Could not deserialize MeanMetricWrapper: config.fn must be a function name, received ${JSON.stringify(fn)}`);
    const wrapped = deserialize(fn, customObjects);
    if (wrapped instanceof Metric) return wrapped;
    return new MeanMetricWrapper(wrapped, { name: (name as string | undefined) ?? fn, dtype });
  }
  const cls = classByName.get(className);
  if (cls) return cls.fromConfig(cfg);
  const fnName = canonicalMetricName(className);
  if (fnName) return METRIC_FUNCTIONS[fnName];
  throw notFound(className);
}

/** `{class_name, config}` for a Metric; the Keras name for a built-in function. */
export function serialize(metric: Metric | MetricFunction): SerializedObject | string {
  if (metric instanceof Metric) {
    const className = (metric.constructor as unknown as MetricClass).className;
    const config = metric.getConfig();
    if (className === 'MeanMetricWrapper') {
      const fn = (metric as MeanMetricWrapper).fn as unknown as MetricFunction;
      config.fn = nameOfFn.get(fn) ?? fn.name;
    }
    return { class_name: className, config };
  }
  const name = nameOfFn.get(metric) ?? metric.name;
  if (!name) throw new tf.ValueError('Cannot serialize an anonymous metric function: give it a name or make it a Metric class.');
  return name;
}

/**
 * Resolves a metric identifier like `keras.metrics.get`: names of functions give the function, class names
 * (and 'auc', 'precision', ...) and config dicts a new Metric; Metrics and functions pass through.
 */
export function get(identifier: MetricIdentifier, customObjects: CustomObjects = {}): Metric | MetricFunction | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string' || isSerializedObject(identifier)) return deserialize(identifier, customObjects);
  throw new tf.ValueError(`Could not interpret metric identifier: ${JSON.stringify(identifier)?.slice(0, 200)}`);
}

export function metricClasses(): ReadonlyMap<string, MetricClass> {
  return classByName;
}

/** The Keras name of a built-in metric function, if it is one. */
export function metricFunctionName(fn: MetricFunction): string | undefined {
  return nameOfFn.get(fn);
}
