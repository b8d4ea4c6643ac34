/** `Sum`, `Mean` and `MeanMetricWrapper`: metrics that accumulate (weighted) values. */
import * as tf from '@keras-ts/tensor';
import { type ConfigDict, checkKeys, snakeKeys } from '../internal/config.js';
import { alignWeights, squeezeLabels, withShapeContext } from '../internal/shapes.js';
import { Metric, type MetricOptions, toTensor } from './metric.js';

type In = tf.Tensor | tf.TensorLike;

/**
 * Weighted values and their count, as tf.keras 2's `Reduce.update_state` computes them: weights of the values'
 * rank (after squeezing or appending one axis) are broadcast and counted element by element; weights of lower
 * rank make each sample's values collapse first (mean, or sum for `Sum`) and count once per weight.
 */
function weigh(values: tf.Tensor, sampleWeight: tf.Tensor | undefined, collapse: 'mean' | 'sum', what: string): { values: tf.Tensor; count: tf.Tensor } {
  let v = tf.cast(values, 'float32');
  if (sampleWeight == null) return { values: v, count: tf.scalar(v.size) };
  const w = alignWeights(v, tf.cast(sampleWeight, 'float32'));
  const sameRankCompatible = w.rank === v.rank && w.shape.every((d, i) => d === 1 || d === v.shape[i]);
  if (w.rank === 0 || sameRankCompatible) {
    const wb = tf.broadcastTo(w, v.shape);
    return { values: tf.mul(v, wb), count: tf.sum(wb) };
  }
  if (w.rank < v.rank && w.shape.every((d, i) => d === 1 || d === v.shape[i])) {
    const axes = Array.from({ length: v.rank - w.rank }, (_, i) => w.rank + i);
    v = collapse === 'sum' ? tf.sum(v, axes) : tf.mean(v, axes);
    return { values: tf.mul(v, w), count: tf.sum(w) };
  }
  throw new tf.ShapeError(
    `${what}: sample_weight of shape [${sampleWeight.shape}] is incompatible with values of shape [${values.shape}]: ` +
      'expected a weight per sample (shape [batch]) or one of the values\' shape.',
  );
}

/** The weighted sum of the values. */
export class Sum extends Metric {
  static override className = 'Sum';
  readonly total: tf.Variable;
  constructor(options: MetricOptions = {}) {
    super({ name: 'sum', ...options });
    this.total = this.addState({ name: 'total' });
  }
  updateState(values: In, sampleWeight?: In | null): void {
    tf.tidy(() => {
      const w = weigh(toTensor(values), sampleWeight == null ? undefined : toTensor(sampleWeight), 'sum', this.name);
      this.total.assign(tf.add(this.total, tf.sum(w.values)));
    });
  }
  result(): tf.Tensor {
    return tf.clone(this.total);
  }
}

/** The weighted mean of the values: `sum(values * w) / sum(w)`. */
export class Mean extends Metric {
  static override className = 'Mean';
  readonly total: tf.Variable;
  readonly count: tf.Variable;
  constructor(options: MetricOptions = {}) {
    super({ name: 'mean', ...options });
    this.total = this.addState({ name: 'total' });
    this.count = this.addState({ name: 'count' });
  }
  updateState(values: In, sampleWeight?: In | null): void {
    tf.tidy(() => this.accumulate(toTensor(values), sampleWeight == null ? undefined : toTensor(sampleWeight)));
  }
  /** Adds values (with optional weights) to the state; call inside `tidy`. */
  protected accumulate(values: tf.Tensor, sampleWeight: tf.Tensor | undefined): void {
    const w = weigh(values, sampleWeight, 'mean', this.name);
    this.total.assign(tf.add(this.total, tf.sum(w.values)));
    this.count.assign(tf.add(this.count, w.count));
  }
  result(): tf.Tensor {
    return tf.tidy(() => tf.divNoNan(this.total, this.count));
  }
}

/** A per-sample metric function, with its keyword arguments. */
export type MetricFn<K = never> = (yTrue: tf.Tensor, yPred: tf.Tensor, kwargs: K) => tf.Tensor | { losses: tf.Tensor; mask?: tf.Tensor };

/** Wraps `fn(yTrue, yPred)` as a Mean of its per-sample values (`keras.metrics.MeanMetricWrapper`). */
export class MeanMetricWrapper<K extends object = object> extends Mean {
  static override className = 'MeanMetricWrapper';
  readonly fn: MetricFn<K>;
  readonly fnKwargs: K;

  constructor(fn: MetricFn<K>, options: MetricOptions & Partial<K> = {}, defaults: K = {} as K) {
    const { name, dtype, ...rest } = options as MetricOptions;
    // Checked before the state variables exist, so that a bad config leaks nothing.
    checkKeys(rest, Object.keys(defaults), (new.target as unknown as { className: string }).className);
    super({ name: name ?? (fn.name || 'mean_metric_wrapper'), dtype });
    this.fn = fn;
    this.fnKwargs = { ...defaults, ...(rest as Partial<K>) } as K;
  }

  override updateState(yTrue: In, yPred?: In, sampleWeight?: In | null): void {
    if (yPred === undefined) throw new tf.ValueError(`Metric ${this.name}: updateState(yTrue, yPred, sampleWeight?) needs yPred.`);
    tf.tidy(() => {
      const [t, p] = squeezeLabels(tf.cast(toTensor(yTrue), 'float32'), tf.cast(toTensor(yPred), 'float32'));
      const out = withShapeContext(`Metric ${this.name}`, t, p, () => this.fn(t, p, this.fnKwargs));
      const { losses, mask } = out instanceof tf.Tensor ? { losses: out, mask: undefined } : out;
      let weight = sampleWeight == null ? undefined : tf.cast(toTensor(sampleWeight), 'float32');
      if (mask) {
        const m = tf.cast(mask, 'float32');
        weight = weight === undefined ? m : tf.mul(m, alignWeights(m, weight));
      }
      this.accumulate(losses, weight);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), ...snakeKeys(this.fnKwargs as ConfigDict) };
  }
}
