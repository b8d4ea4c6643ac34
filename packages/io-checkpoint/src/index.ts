/**
 * @keras-ts/io-checkpoint: TensorFlow checkpoints (tensor bundles) with tf.keras 2's object-based naming.
 * The meta-package exposes these as `tf.train.*`.
 */
export { Checkpoint } from './checkpoint.js';
export { CheckpointManager } from './checkpoint-manager.js';
export { latestCheckpoint, readCheckpointState, writeCheckpointState, parseCheckpointState } from './checkpoint-state.js';
export { CheckpointReader, loadCheckpoint, listVariables, loadVariable } from './inspect.js';
export { saveModelCheckpoint, loadModelCheckpoint } from './model-checkpoint.js';
export { tfCheckpointWeightsFormat } from './weights-format.js';
export { writeBundle } from './bundle-writer.js';
export { BundleReader } from './bundle-reader.js';
export { CHECKPOINT_DTYPES } from './dtypes.js';

export type { CheckpointLoadStatus, Checkpointable } from './checkpoint.js';
export type { CheckpointManagerOptions } from './checkpoint-manager.js';
export type { CheckpointState } from './checkpoint-state.js';
export type { ModelCheckpointOptions, LoadResult } from './model-checkpoint.js';
export type { WeightsFormat, WeightsFormatOptions } from './weights-format.js';
export type { BundleInput, WriteBundleOptions } from './bundle-writer.js';
export type { BundleTensorInfo } from './bundle-reader.js';
export type { CheckpointDtype, RawTensor, RawValues } from './dtypes.js';
export type { CheckpointModel, CheckpointLayer, CheckpointOptimizer, CheckpointSlot } from './interfaces.js';
