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
export { TFRecordDataset } from './tfrecord/tfrecord-dataset.js';
export type { TFRecordDatasetOptions } from './tfrecord/tfrecord-dataset.js';
export { TFRecordWriter } from './tfrecord/tfrecord-writer.js';
export type { TFRecordWriterOptions } from './tfrecord/tfrecord-writer.js';
export { TFRecordCorruptionError } from './tfrecord/record-format.js';
export { parseExample, parseSingleExample } from './example/parse.js';
export type { ParsedFeatures } from './example/parse.js';
export { FixedLenFeature, VarLenFeature } from './example/features.js';
export type { FeatureSpec, FeatureDType, SparseTensorValue } from './example/features.js';
export { serializeExample } from './example/serialize.js';
export type { FeatureValue } from './example/serialize.js';
export { TextLineDataset } from './text/text-line-dataset.js';
export type { TextLineDatasetOptions } from './text/text-line-dataset.js';
export { experimental } from './csv/make-csv-dataset.js';
export type { MakeCsvDatasetOptions, CsvColumnType } from './csv/make-csv-dataset.js';
