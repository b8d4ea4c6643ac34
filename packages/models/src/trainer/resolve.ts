/**
 * The trainer's view of losses and metrics (from @keras-ts/losses-metrics): resolving identifiers and the
 * small interfaces the training loop needs.
 */
import type * as tf from '@keras-ts/tensor';
import * as lm from '@keras-ts/losses-metrics';

export interface LossLike {
  name?: string;
  /** Reduced loss (Python's `loss(y_true, y_pred, sample_weight)`). */
  apply(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor | null): tf.Tensor;
}
export interface MetricLike {
  name: string;
  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor | null): void;
  result(): tf.Tensor;
  resetState(): void;
  dispose?(): void;
}
export interface MeanLike {
  name: string;
  updateState(value: tf.Tensor, sampleWeight?: tf.Tensor | number | null): void;
  result(): tf.Tensor;
  resetState(): void;
  dispose?(): void;
}

export type LossIdentifier = string | LossLike | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor) | { class_name: string; config?: unknown };
export type MetricIdentifier = string | MetricLike | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

export function getLoss(id: LossIdentifier): LossLike {
  return (lm as unknown as { losses: { get(id: unknown): LossLike } }).losses.get(id);
}

/** The identifier of a loss as Keras writes it in `training_config` ('categorical_crossentropy', ...). */
export function lossIdentifier(id: LossIdentifier): string | null {
  return typeof id === 'string' ? id : null;
}

export function getMetric(id: MetricIdentifier, ctx: { loss: LossIdentifier | null; outputShape: Array<number | null> }): MetricLike {
  return (lm as unknown as { metrics: { resolveMetric(id: unknown, ctx: unknown): MetricLike } }).metrics.resolveMetric(id, ctx);
}

export function makeMean(name: string): MeanLike {
  const M = (lm as unknown as { metrics: { Mean: new (opts: { name: string }) => MeanLike } }).metrics.Mean;
  return new M({ name });
}
