/**
 * The TensorFlow-checkpoint weights format, for the models package to register: `saveWeights(path)` uses it
 * when the path has no `.h5`/`.hdf5`/`.keras` suffix (so `.weights.h5` is not it), and `loadWeights` when
 * `<path>.index` exists or `path` is a directory with a `checkpoint` state file.
 */
import { existsSync, statSync } from 'node:fs';
import { indexPath } from './bundle-names.js';
import { latestCheckpoint } from './checkpoint-state.js';
import { resolveCheckpointPath } from './inspect.js';
import type { CheckpointModel } from './interfaces.js';
import { loadModelCheckpoint, saveModelCheckpoint, type LoadResult, type ModelCheckpointOptions } from './model-checkpoint.js';

export interface WeightsFormat {
  name: string;
  canSave(path: string): boolean;
  canLoad(path: string): Promise<boolean>;
  saveWeights(model: CheckpointModel, path: string, options?: ModelCheckpointOptions): Promise<void>;
  loadWeights(model: CheckpointModel, path: string, options?: ModelCheckpointOptions): Promise<LoadResult>;
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
    return saveModelCheckpoint(path, model, options);
  },
  loadWeights(model, path, options) {
    return loadModelCheckpoint(resolveCheckpointPath(path), model, options);
  },
};
