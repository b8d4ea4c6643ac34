/**
 * Writes a tensor bundle: `<prefix>.data-NNNNN-of-MMMMM` shards holding the raw tensor bytes, then
 * `<prefix>.index`, a table mapping each tensor name to its `BundleEntryProto` (the empty key holds the
 * `BundleHeaderProto`). Every file is written under a temp name and renamed into place, data first, index last.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Tensor } from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { TempFile } from './atomic-files.js';
import { indexPath, shardPath } from './bundle-names.js';
import { crc32c, maskCrc } from './crc.js';
import { dtypeToEnum, encodeNumeric, type CheckpointDtype, type RawTensor } from './dtypes.js';
import { encodeEntry, encodeHeader } from './protos.js';
import { checkRaw, tensorToRaw } from './raw-convert.js';
import { encodeStrings } from './string-data.js';
import { compareKeys } from './table-block.js';
import { buildTable, type TableOptions } from './table-writer.js';

export interface BundleInput {
  name: string;
  /** A tfjs tensor or exact raw values. */
  value: Tensor | RawTensor;
  /** Store as this dtype (e.g. 'int64' for an int32 iteration counter); default: the value's own dtype. */
  dtype?: CheckpointDtype;
}

export interface WriteBundleOptions extends TableOptions {
  /** Start a new data shard when the current one would pass this many bytes (default: one shard). */
  maxShardSize?: number;
  /** Called after each tensor's bytes are written and before the files are renamed (tests use it). */
  onProgress?: (event: { stage: 'data' | 'index'; name?: string }) => void | Promise<void>;
}

interface Encoded {
  name: string;
  key: Uint8Array;
  raw: RawTensor;
  bytes: Uint8Array;
  crc: number;
}

const utf8 = new TextEncoder();

async function encodeInput(input: BundleInput): Promise<Encoded> {
  const { name, value, dtype } = input;
  if (typeof name !== 'string' || name === '') throw new ValueError(`checkpoint tensor names must be non-empty strings, got ${JSON.stringify(name)}`);
  const raw = 'values' in value && !('dataId' in value)
    ? checkRaw(dtype ? { ...value, dtype } : value, name)
    : await tensorToRaw(value as Tensor, name, dtype);
  if (raw.dtype === 'string') {
    const { bytes, crc } = encodeStrings(raw.values as Uint8Array[]);
    return { name, key: utf8.encode(name), raw, bytes, crc };
  }
  const bytes = encodeNumeric(raw);
  return { name, key: utf8.encode(name), raw, bytes, crc: crc32c(bytes) };
}

/** Writes `inputs` as the bundle `<prefix>.index` + data shards; returns the paths written. */
export async function writeBundle(prefix: string, inputs: BundleInput[], options: WriteBundleOptions = {}): Promise<string[]> {
  const encoded: Encoded[] = [];
  for (const input of inputs) encoded.push(await encodeInput(input));
  encoded.sort((a, b) => compareKeys(a.key, b.key));
  for (let i = 1; i < encoded.length; i++) {
    if (compareKeys(encoded[i - 1]!.key, encoded[i]!.key) === 0) throw new ValueError(`duplicate checkpoint tensor name "${encoded[i]!.name}"`);
  }

  // Assign shards in key order, cutting at maxShardSize.
  const shardOf: number[] = [];
  let shard = 0;
  let fill = 0;
  for (const e of encoded) {
    if (options.maxShardSize !== undefined && fill > 0 && fill + e.bytes.length > options.maxShardSize) {
      shard++;
      fill = 0;
    }
    shardOf.push(shard);
    fill += e.bytes.length;
  }
  const numShards = shard + 1;

  await mkdir(dirname(prefix), { recursive: true });
  const files: TempFile[] = [];
  try {
    const entries: Array<[Uint8Array, Uint8Array]> = [[new Uint8Array(0), encodeHeader({ num_shards: numShards, version: { producer: 1 } })]];
    for (let s = 0; s < numShards; s++) files.push(await TempFile.create(shardPath(prefix, s, numShards)));
    for (let i = 0; i < encoded.length; i++) {
      const e = encoded[i]!;
      const file = files[shardOf[i]!]!;
      const offset = file.size;
      await file.write(e.bytes);
      entries.push([
        e.key,
        encodeEntry({
          dtype: dtypeToEnum(e.raw.dtype),
          shape: { dim: e.raw.shape.map((size) => ({ size })) },
          shard_id: shardOf[i]!,
          offset,
          size: e.bytes.length,
          crc32c: maskCrc(e.crc),
        }),
      ]);
      await options.onProgress?.({ stage: 'data', name: e.name });
    }
    const index = await TempFile.create(indexPath(prefix));
    files.push(index);
    await index.write(buildTable(entries, options));
    await options.onProgress?.({ stage: 'index' });
    for (const f of files) await f.close();
    for (const f of files) await f.commit();
  } catch (e) {
    for (const f of files) await f.discard();
    throw e;
  }
  await removeStaleShards(prefix, numShards);
  await removeAbandonedTempFiles(prefix);
  return [indexPath(prefix), ...Array.from({ length: numShards }, (_, s) => shardPath(prefix, s, numShards))];
}

/** Removes data shards of an earlier bundle at the same prefix that had a different shard count. */
async function removeStaleShards(prefix: string, numShards: number): Promise<void> {
  const dir = dirname(prefix);
  const base = basename(prefix);
  const pattern = /^\.data-\d{5}-of-(\d{5})$/;
  for (const f of await readdir(dir)) {
    if (!f.startsWith(base)) continue;
    const m = pattern.exec(f.slice(base.length));
    if (m && Number(m[1]) !== numShards) await rm(join(dir, f), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files of earlier writes to this prefix whose writing process no longer exists (it was killed). */
async function removeAbandonedTempFiles(prefix: string): Promise<void> {
  const dir = dirname(prefix);
  const base = basename(prefix);
  for (const f of await readdir(dir)) {
    if (!f.startsWith(base)) continue;
    const m = /^(\.index|\.data-\d{5}-of-\d{5})\.tmp-(\d+)-[0-9a-f]{8}$/.exec(f.slice(base.length));
    if (m && Number(m[2]) !== process.pid && !processAlive(Number(m[2]))) await rm(join(dir, f), { force: true });
  }
}
