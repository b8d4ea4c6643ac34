/**
 * The TensorFlow-checkpoint weights format, for the models package to register: `saveWeights(path)` uses it
 * when the path has no `.h5`/`.hdf5`/`.keras` suffix (so `.weights.h5` is not it), and `loadWeights` when
 * `<path>.index` exists or `path` is a directory with a `checkpoint` state file.
 */
import { existsSync, statSync } from 'node:fs';
import { NotImplementedError } from '@keras-ts/tensor';
import { indexPath } from './bundle-names.js';
import { latestCheckpoint } from './checkpoint-state.js';
import { resolveCheckpointPath } from './inspect.js';
import type { CheckpointModel } from './interfaces.js';
import { loadModelCheckpoint, saveModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';

/** Options as `model.saveWeights`/`loadWeights` pass them (Keras's names), plus the checkpoint writer's. */
export interface WeightsFormatOptions extends ModelCheckpointOptions {
  overwrite?: boolean;
  /** false: leave the optimizer out (default: the compiled model's optimizer is saved/restored). */
  includeOptimizer?: boolean;
  byName?: boolean;
  skipMismatch?: boolean;
  [k: string]: unknown;
}

export interface WeightsFormat {
  name: string;
  canSave(path: string): boolean;
  canLoad(path: string): Promise<boolean>;
  saveWeights(model: CheckpointModel, path: string, options?: WeightsFormatOptions): Promise<void>;
  loadWeights(model: CheckpointModel, path: string, options?: WeightsFormatOptions): Promise<void>;
}

function checkpointOptions(options: WeightsFormatOptions = {}): ModelCheckpointOptions {
  const { overwrite: _o, includeOptimizer, byName, skipMismatch, ...rest } = options;
  if (byName || skipMismatch) {
    throw new NotImplementedError(
      `Weights may only be loaded based on topology when loading TensorFlow-formatted weights (got ${byName ? 'byName' : 'skipMismatch'}=true to loadWeights). ` +
        'Save and load HDF5 weights (a path ending in ".weights.h5") to match weights by layer name.',
    );
  }
  return includeOptimizer === false ? { ...rest, optimizer: null } : rest;
}

export const tfCheckpointWeightsFormat: WeightsFormat = {
  name: 'tf',
  canSave(path: string): boolean {
    return !/\.(h5|hdf5|keras)$/i.test(path);
  },
  async canLoad(path: string): Promise<boolean> {
    if (existsSync(path) && statSync(path).isDirectory()) return latestCheckpoint(path) !== null;
    return existsSync(indexPath(path)) || (path.endsWith('.index') && existsSync(path));
  },
  saveWeights(model, path, options) {
    return saveModelCheckpoint(path, model, checkpointOptions(options));
  },
  async loadWeights(model, path, options) {
    await loadModelCheckpoint(resolveCheckpointPath(path), model, checkpointOptions(options));
  },
};
