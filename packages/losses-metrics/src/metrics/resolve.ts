/**
 * Compile-time metric resolution (tf.keras 2's `compile_utils`): turns each `metrics=[...]` entry into a Metric,
 * choosing the accuracy / crossentropy variant for 'accuracy', 'acc', 'crossentropy' and 'ce' from the loss and
 * the shapes. The metric keeps the name the user wrote ('acc' stays 'acc').
 */
import * as tf from '@keras-ts/tensor';
import type { SerializedObject } from '../internal/config.js';
import { Loss, type LossFn, LossFunctionWrapper } from '../losses/loss.js';
import { canonicalLossName, serialize as serializeLoss } from '../losses/registry.js';
import { Metric } from './metric.js';
import { MeanMetricWrapper } from './reduction-metrics.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy-metrics.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './probabilistic-metrics.js';
import { type CustomObjects, type MetricIdentifier, get } from './registry.js';

export interface ResolveMetricContext {
  /** The compiled loss (name, Loss or function), used to tell binary / sparse / categorical apart. */
  loss?: string | Loss | LossFn | SerializedObject | null;
  /** The model output's shape (batch axis may be null). A last axis of 1 means binary. */
  outputShape?: readonly (number | null)[] | null;
  /** The targets' shape, when known: rank below the output's, or a last axis of 1, means sparse labels. */
  targetShape?: readonly (number | null)[] | null;
  customObjects?: CustomObjects;
}

type Kind = 'binary' | 'sparse' | 'categorical';

function lossName(loss: ResolveMetricContext['loss']): string | undefined {
  if (loss === null || loss === undefined) return undefined;
  if (typeof loss === 'string') return canonicalLossName(loss) ?? loss;
  if (loss instanceof LossFunctionWrapper && (loss.constructor as unknown as { className: string }).className === 'LossFunctionWrapper') {
    return canonicalLossName(loss.name) ?? loss.name;
  }
  if (loss instanceof Loss || typeof loss === 'function') {
    const s = serializeLoss(loss);
    return typeof s === 'string' ? canonicalLossName(s) ?? s : s.class_name;
  }
  return (loss as SerializedObject).class_name;
}

function kindOf(ctx: ResolveMetricContext): Kind {
  const name = lossName(ctx.loss);
  const out = ctx.outputShape;
  const target = ctx.targetShape;
  const outLast = out && out.length ? out[out.length - 1] : undefined;
  if (outLast === 1) return 'binary';
  if (name === 'binary_crossentropy' || name === 'BinaryCrossentropy' || name === 'binary_focal_crossentropy' || name === 'BinaryFocalCrossentropy') return 'binary';
  if (name === 'sparse_categorical_crossentropy' || name === 'SparseCategoricalCrossentropy') return 'sparse';
  if (out && target) {
    const targetLast = target.length ? target[target.length - 1] : undefined;
    if (target.length < out.length || (targetLast === 1 && outLast !== 1)) return 'sparse';
  }
  return 'categorical';
}

/**
 * Resolves one `compile(metrics=[...])` entry to a Metric. 'accuracy'/'acc' become Binary-, SparseCategorical-
 * or CategoricalAccuracy, 'crossentropy'/'ce' the matching crossentropy, named as written. Other names go
 * through `metrics.get`; functions are wrapped in a MeanMetricWrapper named after the identifier.
 */
export function resolveMetric(identifier: MetricIdentifier, context: ResolveMetricContext = {}): Metric {
  if (identifier === null || identifier === undefined) throw new tf.ValueError('Expected a metric, received null.');
  if (typeof identifier === 'string') {
    const lower = identifier.toLowerCase();
    if (lower === 'accuracy' || lower === 'acc') {
      const kind = kindOf(context);
      const name = identifier;
      if (kind === 'binary') return new BinaryAccuracy({ name });
      if (kind === 'sparse') return new SparseCategoricalAccuracy({ name });
      return new CategoricalAccuracy({ name });
    }
    if (lower === 'crossentropy' || lower === 'ce') {
      const kind = kindOf(context);
      const name = identifier;
      if (kind === 'binary') return new BinaryCrossentropy({ name });
      if (kind === 'sparse') return new SparseCategoricalCrossentropy({ name });
      return new CategoricalCrossentropy({ name });
    }
  }
  const resolved = get(identifier, context.customObjects);
  if (resolved instanceof Metric) return resolved;
  if (typeof resolved === 'function') {
    const name = typeof identifier === 'string' ? identifier : resolved.name;
    if (!name) throw new tf.ValueError('A metric function needs a name (give the function a name, or wrap it in MeanMetricWrapper).');
    return new MeanMetricWrapper(resolved, { name });
  }
  throw new tf.ValueError(`Could not interpret metric identifier: ${JSON.stringify(identifier)?.slice(0, 200)}`);
}
