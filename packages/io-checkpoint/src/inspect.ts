/** `tf.train.load_checkpoint`, `list_variables` and `load_variable`: reading any checkpoint by key. */
import { existsSync, statSync } from 'node:fs';
import type { Tensor } from '@keras-ts/tensor';
import { NotFoundError } from '@keras-ts/tensor';
import { BundleReader } from './bundle-reader.js';
import { latestCheckpoint } from './checkpoint-state.js';
import type { CheckpointDtype, RawTensor } from './dtypes.js';
import { rawToTensor } from './raw-convert.js';

/** A checkpoint prefix from a prefix, a `<prefix>.index` path, or a directory (its latest checkpoint). */
export function resolveCheckpointPath(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const latest = latestCheckpoint(path);
    if (!latest) throw new NotFoundError(`no checkpoint found in directory "${path}" (no valid "checkpoint" state file)`);
    return latest;
  }
  return path.endsWith('.index') ? path.slice(0, -'.index'.length) : path;
}

export class CheckpointReader {
  private readonly bundle: BundleReader;
  readonly prefix: string;

  constructor(path: string) {
    this.prefix = resolveCheckpointPath(path);
    this.bundle = BundleReader.open(this.prefix);
  }

  hasTensor(name: string): boolean {
    return this.bundle.has(name);
  }

  /** The tensor `name` (floats as float32, integers as int32, bool, string). The caller disposes it. */
  getTensor(name: string): Tensor {
    return rawToTensor(this.bundle.getRaw(name), name);
  }

  /** Exact values in the stored dtype (int64 as BigInt64Array, float64 as Float64Array, ...). */
  getRawTensor(name: string): RawTensor {
    return this.bundle.getRaw(name);
  }

  getVariableToShapeMap(): Record<string, number[]> {
    return Object.fromEntries(this.bundle.names().map((n) => [n, [...this.bundle.info(n).shape]]));
  }

  getVariableToDtypeMap(): Record<string, CheckpointDtype> {
    return Object.fromEntries(this.bundle.names().map((n) => [n, this.bundle.info(n).dtype]));
  }
}

/** Opens a checkpoint (prefix or directory) for reading by key. */
export function loadCheckpoint(path: string): CheckpointReader {
  return new CheckpointReader(path);
}

/** `[name, shape]` of every tensor in the checkpoint, sorted by name. */
export function listVariables(path: string): Array<[string, number[]]> {
  return Object.entries(loadCheckpoint(path).getVariableToShapeMap());
}

/** The value of one tensor of the checkpoint (a trailing ':0' is ignored). */
export function loadVariable(path: string, name: string): Tensor {
  return loadCheckpoint(path).getTensor(name.replace(/:0$/, ''));
}
