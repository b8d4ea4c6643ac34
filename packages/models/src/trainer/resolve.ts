/**
 * The trainer's view of losses and metrics (from @keras-ts/losses-metrics): resolving identifiers and the
 * small interfaces the training loop needs.
 */
import type * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
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

/** Resolves a loss identifier to a Loss; functions are wrapped and named as tf.keras 2 does ('mse' → 'mean_squared_error'). */
export function getLoss(id: LossIdentifier): LossLike {
  const resolved = lm.losses.resolveLoss(id as never) as unknown;
  if (resolved == null) throw new ValueError(`Could not interpret loss identifier: ${String(id)}`);
  return resolved as LossLike;
}

/** The identifier of a loss as Keras writes it in `training_config` ('categorical_crossentropy', ...). */
export function lossIdentifier(id: LossIdentifier): string | null {
  return typeof id === 'string' ? id : null;
}

export function getMetric(id: MetricIdentifier, ctx: { loss: LossIdentifier | null; outputShape: Array<number | null> }): MetricLike {
  return lm.resolveMetric(id as never, ctx as never) as unknown as MetricLike;
}

export function makeMean(name: string): MeanLike {
  return new lm.metrics.Mean({ name }) as unknown as MeanLike;
}
