/**
 * `CheckpointManager`, like `tf.train.CheckpointManager`: numbered checkpoints `<directory>/<name>-<n>` with
 * at most `maxToKeep` kept. New files are written first, then the state file, and only then old files are
 * deleted, so the state file never names a missing checkpoint.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ValueError } from '@keras-ts/tensor';
import type { WriteBundleOptions } from './bundle-writer.js';
import { indexPath } from './bundle-names.js';
import { readCheckpointState, resolveStatePath, writeCheckpointState } from './checkpoint-state.js';
import type { Checkpoint } from './checkpoint.js';

export interface CheckpointManagerOptions {
  /** Checkpoints to keep (default 5); null keeps all. */
  maxToKeep?: number | null;
  /** File name stem (default 'ckpt'). */
  checkpointName?: string;
}

export class CheckpointManager {
  readonly directory: string;
  readonly maxToKeep: number | null;
  readonly checkpointName: string;
  private kept: string[];

  constructor(
    readonly checkpoint: Checkpoint,
    directory: string,
    options: CheckpointManagerOptions = {},
  ) {
    const { maxToKeep = 5, checkpointName = 'ckpt' } = options;
    if (maxToKeep !== null && (!Number.isInteger(maxToKeep) || maxToKeep < 1)) {
      throw new ValueError(`CheckpointManager: maxToKeep must be a positive integer or null, got ${maxToKeep}`);
    }
    this.directory = resolve(directory);
    this.maxToKeep = maxToKeep;
    this.checkpointName = checkpointName;
    let state = null;
    try {
      state = readCheckpointState(this.directory);
    } catch {
      state = null;
    }
    this.kept = (state?.allModelCheckpointPaths ?? [])
      .map((p) => resolveStatePath(this.directory, p))
      .filter((p) => existsSync(indexPath(p)));
  }

  /** Kept checkpoint prefixes, oldest first. */
  get checkpoints(): string[] {
    return [...this.kept];
  }

  /** The newest kept checkpoint, or null. */
  get latestCheckpoint(): string | null {
    return this.kept[this.kept.length - 1] ?? null;
  }

  /** Saves `<directory>/<name>-<n>` (n: `checkpointNumber`, default the incremented save counter). */
  async save(options: WriteBundleOptions & { checkpointNumber?: number } = {}): Promise<string> {
    const { checkpointNumber, ...writeOptions } = options;
    await mkdir(this.directory, { recursive: true });
    const n = checkpointNumber ?? this.checkpoint.saveCounter + 1;
    if (checkpointNumber === undefined) this.checkpoint.saveCounter = n;
    const prefix = join(this.directory, `${this.checkpointName}-${n}`);
    await this.checkpoint.write(prefix, writeOptions);
    const kept = [...this.kept.filter((p) => p !== prefix), prefix];
    const removed = this.maxToKeep === null ? [] : kept.splice(0, Math.max(0, kept.length - this.maxToKeep));
    await writeCheckpointState(this.directory, { modelCheckpointPath: prefix, allModelCheckpointPaths: kept, allModelCheckpointTimestamps: [] });
    this.kept = kept;
    for (const old of removed) await deleteCheckpointFiles(old);
    return prefix;
  }
}

/** Deletes `<prefix>.index` and its data shards. */
export async function deleteCheckpointFiles(prefix: string): Promise<void> {
  const dir = dirname(prefix);
  const base = basename(prefix);
  await rm(indexPath(prefix), { force: true });
  for (const f of await readdir(dir)) {
    if (f.startsWith(`${base}.data-`) && /^\.data-\d{5}-of-\d{5}$/.test(f.slice(base.length))) await rm(join(dir, f), { force: true });
  }
}
