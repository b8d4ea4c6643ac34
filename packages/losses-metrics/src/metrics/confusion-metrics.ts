/** TruePositives, FalsePositives, TrueNegatives, FalseNegatives, Precision, Recall. */
import * as tf from '@keras-ts/tensor';
import type { ConfigDict } from '../internal/config.js';
import { checkKeys } from '../internal/config.js';
import { Metric, type MetricOptions, toTensor } from './metric.js';
import { type ConfusionVariables, NEG_INF, isEvenlyDistributed, parseThresholds, updateConfusionMatrix } from './confusion-matrix.js';

type In = tf.Tensor | tf.TensorLike;
type Counter = keyof ConfusionVariables;

export interface ThresholdOptions extends MetricOptions {
  /** A threshold or list of thresholds in [0, 1] (default 0.5); predictions above one count as positive. */
  thresholds?: number | number[] | null;
}

/** A count of one confusion-matrix cell at each threshold. */
abstract class ConditionCount extends Metric {
  readonly thresholds: number[];
  readonly initThresholds: number | number[] | null;
  readonly accumulator: tf.Variable;
  protected abstract readonly counter: Counter;

  constructor(name: string, options: ThresholdOptions) {
    const { thresholds = null, ...rest } = options;
    super({ name, ...rest });
    checkKeys(rest, ['name', 'dtype'], (new.target as unknown as { className: string }).className);
    this.initThresholds = thresholds;
    this.thresholds = parseThresholds(thresholds, 0.5, this.name);
    this.accumulator = this.addState({ name: 'accumulator', shape: [this.thresholds.length] });
  }

  updateState(yTrue: In, yPred?: In, sampleWeight?: In | null): void {
    if (yPred === undefined) throw new tf.ValueError(`Metric ${this.name}: updateState(yTrue, yPred, sampleWeight?) needs yPred.`);
    tf.tidy(() =>
      updateConfusionMatrix({ [this.counter]: this.accumulator }, toTensor(yTrue), toTensor(yPred), {
        thresholds: this.thresholds,
        sampleWeight: sampleWeight == null ? undefined : toTensor(sampleWeight),
        evenly: isEvenlyDistributed(this.thresholds),
        what: this.name,
      }),
    );
  }

  result(): tf.Tensor {
    return tf.tidy(() => (this.thresholds.length === 1 ? tf.reshape(this.accumulator, []) : tf.clone(this.accumulator)));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), thresholds: this.initThresholds };
  }
}

export class TruePositives extends ConditionCount {
  static override className = 'TruePositives';
  protected readonly counter = 'truePositives' as const;
  constructor(options: ThresholdOptions = {}) {
    super('true_positives', options);
  }
}
export class FalsePositives extends ConditionCount {
  static override className = 'FalsePositives';
  protected readonly counter = 'falsePositives' as const;
  constructor(options: ThresholdOptions = {}) {
    super('false_positives', options);
  }
}
export class TrueNegatives extends ConditionCount {
  static override className = 'TrueNegatives';
  protected readonly counter = 'trueNegatives' as const;
  constructor(options: ThresholdOptions = {}) {
    super('true_negatives', options);
  }
}
export class FalseNegatives extends ConditionCount {
  static override className = 'FalseNegatives';
  protected readonly counter = 'falseNegatives' as const;
  constructor(options: ThresholdOptions = {}) {
    super('false_negatives', options);
  }
}

export interface PrecisionRecallOptions extends ThresholdOptions {
  /** Only the k highest predictions of each sample count as positive. */
  topK?: number | null;
  /** Only this class (index on the last axis) is scored. */
  classId?: number | null;
}

/** Precision or recall: `tp / (tp + fp)` or `tp / (tp + fn)` at each threshold. */
abstract class PrecisionRecall extends Metric {
  readonly thresholds: number[];
  readonly initThresholds: number | number[] | null;
  readonly topK: number | null;
  readonly classId: number | null;
  readonly truePositives: tf.Variable;
  readonly other: tf.Variable;
  protected abstract readonly otherCounter: Counter;

  constructor(name: string, otherName: string, options: PrecisionRecallOptions) {
    const { thresholds = null, topK = null, classId = null, ...rest } = options;
    super({ name, ...rest });
    checkKeys(rest, ['name', 'dtype'], (new.target as unknown as { className: string }).className);
    if (topK !== null && !(Number.isInteger(topK) && topK > 0)) throw new tf.ValueError(`${this.name}: top_k must be a positive integer. Received: top_k=${topK}`);
    this.initThresholds = thresholds;
    this.topK = topK;
    this.classId = classId;
    this.thresholds = parseThresholds(thresholds, topK === null ? 0.5 : NEG_INF, this.name);
    this.truePositives = this.addState({ name: 'true_positives', shape: [this.thresholds.length] });
    this.other = this.addState({ name: otherName, shape: [this.thresholds.length] });
  }

  updateState(yTrue: In, yPred?: In, sampleWeight?: In | null): void {
    if (yPred === undefined) throw new tf.ValueError(`Metric ${this.name}: updateState(yTrue, yPred, sampleWeight?) needs yPred.`);
    tf.tidy(() =>
      updateConfusionMatrix({ truePositives: this.truePositives, [this.otherCounter]: this.other }, toTensor(yTrue), toTensor(yPred), {
        thresholds: this.thresholds,
        topK: this.topK,
        classId: this.classId,
        sampleWeight: sampleWeight == null ? undefined : toTensor(sampleWeight),
        evenly: isEvenlyDistributed(this.thresholds),
        what: this.name,
      }),
    );
  }

  result(): tf.Tensor {
    return tf.tidy(() => {
      const r = tf.divNoNan(this.truePositives, tf.add(this.truePositives, this.other));
      return this.thresholds.length === 1 ? tf.reshape(r, []) : r;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), thresholds: this.initThresholds, top_k: this.topK, class_id: this.classId };
  }
}

/** `tp / (tp + fp)`. */
export class Precision extends PrecisionRecall {
  static override className = 'Precision';
  protected readonly otherCounter = 'falsePositives' as const;
  constructor(options: PrecisionRecallOptions = {}) {
    super('precision', 'false_positives', options);
  }
}

/** `tp / (tp + fn)`. */
export class Recall extends PrecisionRecall {
  static override className = 'Recall';
  protected readonly otherCounter = 'falseNegatives' as const;
  constructor(options: PrecisionRecallOptions = {}) {
    super('recall', 'false_negatives', options);
  }
}
