/**
 * The `checkpoint` state file beside checkpoints: a text-format `CheckpointState` proto naming the latest
 * checkpoint (`model_checkpoint_path`) and the ones kept (`all_model_checkpoint_paths`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { FileFormatError } from '@keras-ts/tensor';
import { writeFileAtomic } from './atomic-files.js';
import { indexPath } from './bundle-names.js';

export const STATE_FILE = 'checkpoint';

export interface CheckpointState {
  modelCheckpointPath: string;
  allModelCheckpointPaths: string[];
  allModelCheckpointTimestamps: number[];
  lastPreservedTimestamp?: number;
}

function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function parseCheckpointState(text: string, file: string): CheckpointState {
  const state: CheckpointState = { modelCheckpointPath: '', allModelCheckpointPaths: [], allModelCheckpointTimestamps: [] };
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^([a-z_]+)\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([-+0-9.eE]+|inf|nan))\s*$/.exec(t);
    if (!m) throw new FileFormatError(`line ${i + 1} is not a text-format field: ${JSON.stringify(t.slice(0, 80))}`, file);
    const [, key, dq, sq, num] = m;
    const str = dq !== undefined ? unescape(dq) : sq !== undefined ? unescape(sq) : undefined;
    if (key === 'model_checkpoint_path' && str !== undefined) state.modelCheckpointPath = str;
    else if (key === 'all_model_checkpoint_paths' && str !== undefined) state.allModelCheckpointPaths.push(str);
    else if (key === 'all_model_checkpoint_timestamps' && num !== undefined) state.allModelCheckpointTimestamps.push(Number(num));
    else if (key === 'last_preserved_timestamp' && num !== undefined) state.lastPreservedTimestamp = Number(num);
  });
  if (!state.modelCheckpointPath) throw new FileFormatError('no model_checkpoint_path', file);
  return state;
}

export function formatCheckpointState(state: CheckpointState): string {
  const lines = [`model_checkpoint_path: "${escape(state.modelCheckpointPath)}"`];
  for (const p of state.allModelCheckpointPaths) lines.push(`all_model_checkpoint_paths: "${escape(p)}"`);
  for (const t of state.allModelCheckpointTimestamps) lines.push(`all_model_checkpoint_timestamps: ${t}`);
  if (state.lastPreservedTimestamp !== undefined) lines.push(`last_preserved_timestamp: ${state.lastPreservedTimestamp}`);
  return lines.join('\n') + '\n';
}

/** The state file of `dir`, or null when there is none. Paths are returned as written (maybe relative). */
export function readCheckpointState(dir: string): CheckpointState | null {
  const file = join(dir, STATE_FILE);
  if (!existsSync(file)) return null;
  return parseCheckpointState(readFileSync(file, 'utf8'), file);
}

/** A checkpoint path from a state file, resolved against the directory when relative. */
export function resolveStatePath(dir: string, p: string): string {
  return isAbsolute(p) ? p : join(dir, p);
}

/** Writes `dir/checkpoint` atomically, storing paths inside `dir` relative to it (as TensorFlow does). */
export async function writeCheckpointState(dir: string, state: CheckpointState): Promise<void> {
  const rel = (p: string) => (dirname(resolve(p)) === resolve(dir) ? basename(p) : p);
  await writeFileAtomic(
    join(dir, STATE_FILE),
    formatCheckpointState({ ...state, modelCheckpointPath: rel(state.modelCheckpointPath), allModelCheckpointPaths: state.allModelCheckpointPaths.map(rel) }),
  );
}

/** The prefix of the latest checkpoint in `dir` (from its `checkpoint` file), or null if none exists. */
export function latestCheckpoint(dir: string): string | null {
  const state = readCheckpointState(dir);
  if (!state) return null;
  const prefix = resolveStatePath(dir, state.modelCheckpointPath);
  return existsSync(indexPath(prefix)) ? prefix : null;
}
