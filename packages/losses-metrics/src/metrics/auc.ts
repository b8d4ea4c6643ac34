/**
 * `keras.metrics.AUC`: area under the ROC or PR curve, approximated from confusion counts at
 * `numThresholds` thresholds, with Keras's summation ('interpolation': trapezoids for ROC and
 * Davis & Goadrich's interpolation for PR; 'minoring'; 'majoring').
 */
import * as tf from '@keras-ts/tensor';
import type { ConfigDict } from '../internal/config.js';
import { checkKeys } from '../internal/config.js';
import { EPSILON } from '../internal/shapes.js';
import { Metric, type MetricOptions, toTensor } from './metric.js';
import { isEvenlyDistributed, updateConfusionMatrix } from './confusion-matrix.js';

type In = tf.Tensor | tf.TensorLike;
export type AUCCurve = 'ROC' | 'PR';
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

export interface AUCOptions extends MetricOptions {
  /** Number of thresholds (default 200); ignored when `thresholds` is given. */
  numThresholds?: number;
  curve?: AUCCurve;
  summationMethod?: AUCSummationMethod;
  /** Thresholds in [0, 1]; -ε and 1+ε are added at the ends. */
  thresholds?: number[] | null;
  /** One curve per label (last axis), averaged (weighted by `labelWeights`). */
  multiLabel?: boolean;
  numLabels?: number | null;
  labelWeights?: number[] | null;
  /** Predictions are logits: a sigmoid is applied first. */
  fromLogits?: boolean;
}

export class AUC extends Metric {
  static override className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly multiLabel: boolean;
  readonly fromLogits: boolean;
  readonly labelWeights: number[] | null;
  /** All thresholds, including the end points -ε and 1+ε. */
  readonly thresholds: number[];
  private readonly initFromThresholds: boolean;
  private readonly evenly: boolean;
  private numLabelsValue: number | null;
  private counts: { tp: tf.Variable; fp: tf.Variable; tn: tf.Variable; fn: tf.Variable } | null = null;

  constructor(options: AUCOptions = {}) {
    const {
      numThresholds = 200, curve = 'ROC', summationMethod = 'interpolation', thresholds = null,
      multiLabel = false, numLabels = null, labelWeights = null, fromLogits = false, ...rest
    } = options;
    super({ name: 'auc', ...rest });
    checkKeys(rest, ['name', 'dtype'], 'AUC');
    const c = typeof curve === 'string' ? curve.toUpperCase() : curve;
    if (c !== 'ROC' && c !== 'PR') throw new tf.ValueError(`AUC: invalid curve "${curve}". Expected one of: 'ROC', 'PR'.`);
    const s = typeof summationMethod === 'string' ? summationMethod.toLowerCase() : summationMethod;
    if (s !== 'interpolation' && s !== 'minoring' && s !== 'majoring') {
      throw new tf.ValueError(`AUC: invalid summation_method "${summationMethod}". Expected one of: 'interpolation', 'minoring', 'majoring'.`);
    }
    this.curve = c;
    this.summationMethod = s;
    this.initFromThresholds = thresholds !== null;
    let inner: number[];
    if (thresholds !== null) {
      inner = [...thresholds].sort((a, b) => a - b);
      this.numThresholds = inner.length + 2;
      this.evenly = isEvenlyDistributed([0, ...inner, 1]);
    } else {
      if (!(Number.isInteger(numThresholds) && numThresholds > 1)) {
        throw new tf.ValueError(`AUC: num_thresholds must be an integer > 1. Received: num_thresholds=${numThresholds}`);
      }
      this.numThresholds = numThresholds;
      inner = Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1));
      this.evenly = true;
    }
    this.thresholds = [0 - EPSILON, ...inner, 1 + EPSILON];
    this.multiLabel = multiLabel;
    this.fromLogits = fromLogits;
    this.labelWeights = labelWeights;
    if (numLabels !== null && !multiLabel) throw new tf.ValueError('AUC: `num_labels` is needed only when `multi_label` is True.');
    this.numLabelsValue = numLabels;
    if (!multiLabel) this.build(1);
    else if (numLabels !== null) this.build(numLabels);
  }

  get numLabels(): number | null {
    return this.numLabelsValue;
  }

  private build(labels: number): void {
    const shape = this.multiLabel ? [this.numThresholds, labels] : [this.numThresholds];
    this.counts = {
      tp: this.addState({ name: 'true_positives', shape }),
      fp: this.addState({ name: 'false_positives', shape }),
      tn: this.addState({ name: 'true_negatives', shape }),
      fn: this.addState({ name: 'false_negatives', shape }),
    };
    if (this.multiLabel) this.numLabelsValue = labels;
  }

  updateState(yTrue: In, yPred?: In, sampleWeight?: In | null): void {
    if (yPred === undefined) throw new tf.ValueError(`Metric ${this.name}: updateState(yTrue, yPred, sampleWeight?) needs yPred.`);
    const p0 = toTensor(yPred);
    try {
      if (this.multiLabel && this.counts === null) {
        if (p0.rank !== 2) throw new tf.ShapeError(`AUC: multi_label needs y_pred of shape [samples, labels], received [${p0.shape}]`);
        this.build(p0.shape[1] as number);
      }
      const counts = this.counts!;
      tf.tidy(() => {
        const p = this.fromLogits ? tf.sigmoid(tf.cast(p0, 'float32')) : p0;
        updateConfusionMatrix(
          { truePositives: counts.tp, falsePositives: counts.fp, trueNegatives: counts.tn, falseNegatives: counts.fn },
          toTensor(yTrue),
          p,
          {
            thresholds: this.thresholds,
            sampleWeight: sampleWeight == null ? undefined : toTensor(sampleWeight),
            multiLabel: this.multiLabel,
            labelWeights: this.labelWeights && !this.multiLabel ? tf.tensor1d(this.labelWeights) : undefined,
            evenly: this.evenly,
            what: this.name,
          },
        );
      });
    } finally {
      if (p0 !== yPred) p0.dispose();
    }
  }

  /** Averages per-label areas (multi-label), weighted by labelWeights; sums otherwise. */
  private total(terms: tf.Tensor): tf.Tensor {
    if (!this.multiLabel) return tf.sum(terms);
    const byLabel = tf.sum(terms, 0);
    if (this.labelWeights === null) return tf.mean(byLabel);
    const lw = tf.tensor1d(this.labelWeights);
    return tf.divNoNan(tf.sum(tf.mul(byLabel, lw)), tf.sum(lw));
  }

  private interpolatePrAuc(tp: tf.Tensor, fp: tf.Tensor, fn: tf.Tensor): tf.Tensor {
    const n = this.numThresholds;
    const head = (x: tf.Tensor) => tf.slice(x, 0, n - 1);
    const tail = (x: tf.Tensor) => tf.slice(x, 1, n - 1);
    const dtp = tf.sub(head(tp), tail(tp));
    const p = tf.add(tp, fp);
    const dp = tf.sub(head(p), tail(p));
    const precSlope = tf.divNoNan(dtp, tf.maximum(dp, 0));
    const intercept = tf.sub(tail(tp), tf.mul(precSlope, tail(p)));
    const bothPos = tf.logicalAnd(tf.greater(head(p), 0), tf.greater(tail(p), 0));
    const safeRatio = tf.where(bothPos, tf.divNoNan(head(p), tf.maximum(tail(p), 0)), tf.onesLike(tail(p)));
    const increment = tf.divNoNan(
      tf.mul(precSlope, tf.add(dtp, tf.mul(intercept, tf.log(safeRatio)))),
      tf.maximum(tf.add(tail(tp), tail(fn)), 0),
    );
    return this.total(increment);
  }

  result(): tf.Tensor {
    const counts = this.counts;
    if (counts === null) return tf.scalar(0);
    return tf.tidy(() => {
      const { tp, fp, tn, fn } = counts;
      if (this.curve === 'PR' && this.summationMethod === 'interpolation') return this.interpolatePrAuc(tp, fp, fn);
      const n = this.numThresholds;
      const recall = tf.divNoNan(tp, tf.add(tp, fn));
      const [x, y] = this.curve === 'ROC' ? [tf.divNoNan(fp, tf.add(fp, tn)), recall] : [recall, tf.divNoNan(tp, tf.add(tp, fp))];
      const head = (v: tf.Tensor) => tf.slice(v, 0, n - 1);
      const tail = (v: tf.Tensor) => tf.slice(v, 1, n - 1);
      let heights: tf.Tensor;
      if (this.summationMethod === 'interpolation') heights = tf.div(tf.add(head(y), tail(y)), 2);
      else if (this.summationMethod === 'minoring') heights = tf.minimum(head(y), tail(y));
      else heights = tf.maximum(head(y), tail(y));
      return this.total(tf.mul(tf.sub(head(x), tail(x)), heights));
    });
  }

  override resetState(): void {
    if (this.multiLabel && this.numLabelsValue !== null && this.counts === null) this.build(this.numLabelsValue);
    super.resetState();
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {
      ...super.getConfig(),
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: this.multiLabel,
      num_labels: this.numLabelsValue,
      label_weights: this.labelWeights,
      from_logits: this.fromLogits,
    };
    if (this.initFromThresholds) config.thresholds = this.thresholds.slice(1, -1);
    return config;
  }
}
