/**
 * @keras-ts/data: tf.data-style input pipelines.
 *
 * Ownership: every element a dataset yields belongs to the consumer, who disposes its tensors after use
 * (`disposeElement`); `fit`, `evaluate` and `predict` do so. See `dataset.ts` for the full rule.
 */
export { Dataset } from './dataset.js';
export type { DatasetInit, ShuffleOptions, FromGeneratorOptions } from './dataset.js';
export { INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, AUTOTUNE } from './cardinality.js';
export { TensorSpec, disposeElement } from './structure.js';
export type { Element, ElementSpec } from './structure.js';
export type { PaddedBatchOptions } from './ops/batching.js';
export type { WindowOptions } from './ops/window.js';
