/** Argument types of the trainer (compile/fit/evaluate/predict). */
import type * as tf from '@keras-ts/tensor';
import type { Callback } from '@keras-ts/callbacks';

/** Model inputs or targets: a tensor, nested arrays of numbers, a list (multi-input), or a dict by layer name. */
export type ModelData = tf.Tensor | tf.TensorLike | Array<tf.Tensor | tf.TensorLike> | Record<string, tf.Tensor | tf.TensorLike> | DatasetLike;

/**
 * A dataset as the trainer sees it (e.g. `@keras-ts/data`'s `Dataset`): async iterable of elements
 * `[x, y]` / `[x, y, sampleWeight]` (or `x` for predict), with a cardinality (-1 infinite, -2 unknown).
 * The trainer disposes the tensors of each element after using them.
 */
export interface DatasetLike {
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
  cardinality(): number;
}

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: Callback[];
  validationSplit?: number;
  validationData?: [ModelData, ModelData] | [ModelData, ModelData, tf.Tensor] | DatasetLike;
  shuffle?: boolean;
  classWeight?: Record<number, number>;
  sampleWeight?: tf.Tensor | number[];
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  validationBatchSize?: number;
  validationFreq?: number;
}

export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  sampleWeight?: tf.Tensor | number[];
  steps?: number;
  callbacks?: Callback[];
  returnDict?: boolean;
}

export interface PredictArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  steps?: number;
  callbacks?: Callback[];
}
