/**
 * Reads a tensor bundle (`<prefix>.index` + data shards). Every entry's shard, offset and size are checked
 * against the files before anything is allocated, and every tensor's CRC32C is verified on read.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { FileFormatError, NotFoundError } from '@keras-ts/tensor';
import { indexPath, shardPath } from './bundle-names.js';
import { crc32c, unmaskCrc } from './crc.js';
import { decodeNumeric, dtypeFromEnum, ELEMENT_SIZE, numElements, type CheckpointDtype, type RawTensor } from './dtypes.js';
import { decodeEntry, decodeHeader, type BundleEntry } from './protos.js';
import { decodeStrings } from './string-data.js';
import { readTable } from './table-reader.js';
import { sliceKey } from './slice-key.js';

export interface BundleTensorInfo {
  name: string;
  dtype: CheckpointDtype;
  shape: number[];
  shard: number;
  offset: number;
  size: number;
  /** Unmasked CRC32C of the tensor's bytes. */
  crc: number;
  /** For a tensor saved in slices: each slice's [start, length] per dimension (length -1: whole dimension). */
  slices?: Array<Array<[number, number]>>;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export class BundleReader {
  readonly numShards: number;
  private readonly infos = new Map<string, BundleTensorInfo>();
  private readonly shardSizes: number[] = [];
  /** Entries of tensor slices, by the hex of their (binary) keys. */
  private readonly sliceEntries = new Map<string, BundleTensorInfo>();

  private constructor(readonly prefix: string) {
    const file = indexPath(prefix);
    if (!existsSync(file)) throw new NotFoundError(`no checkpoint found at "${prefix}" (missing ${file})`);
    const entries = readTable(readFileSync(file), file);
    const first = entries[0];
    if (!first || first[0].length !== 0) throw new FileFormatError('the index has no bundle header (empty key)', file);
    let header;
    try {
      header = decodeHeader(first[1]);
    } catch (e) {
      throw new FileFormatError(`corrupted bundle header: ${(e as Error).message}`, file);
    }
    if (header.endianness !== 0) throw new FileFormatError('big-endian tensor bundles are not supported', file);
    if (header.version && header.version.min_consumer > 1) {
      throw new FileFormatError(`bundle needs reader version ${header.version.min_consumer}, keras-ts reads version 1`, file);
    }
    if (!Number.isInteger(header.num_shards) || header.num_shards < 1) throw new FileFormatError(`invalid shard count ${header.num_shards}`, file);
    this.numShards = header.num_shards;
    for (let s = 0; s < this.numShards; s++) {
      const path = shardPath(prefix, s, this.numShards);
      if (!existsSync(path)) throw new FileFormatError(`missing shard ${s} of ${this.numShards}: ${path} does not exist`, file);
      this.shardSizes.push(statSync(path).size);
    }
    const dec = new TextDecoder('utf-8', { fatal: false });
    for (const [keyBytes, value] of entries.slice(1)) {
      const isSlice = keyBytes[0] === 0;
      const name = isSlice ? `slice ${Buffer.from(keyBytes).toString('hex')}` : dec.decode(keyBytes);
      let entry: BundleEntry;
      try {
        entry = decodeEntry(value);
      } catch (e) {
        throw new FileFormatError(`corrupted entry for "${name}": ${(e as Error).message}`, file);
      }
      if (isSlice) this.sliceEntries.set(Buffer.from(keyBytes).toString('hex'), this.checkEntry(name, entry, file));
      else this.infos.set(name, this.checkEntry(name, entry, file));
    }
  }

  /** Opens `<prefix>.index`; throws NotFoundError when it does not exist, FileFormatError when it is invalid. */
  static open(prefix: string): BundleReader {
    return new BundleReader(prefix);
  }

  private checkEntry(name: string, e: BundleEntry, file: string): BundleTensorInfo {
    const bad = (what: string) => new FileFormatError(`tensor "${name}": ${what}`, file);
    const dtype = dtypeFromEnum(e.dtype, file, name);
    if (e.shape?.unknown_rank) throw bad('has unknown rank');
    const shape = (e.shape?.dim ?? []).map((d) => d.size);
    if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw bad(`invalid shape [${shape.join(', ')}]`);
    if (!Number.isInteger(e.shard_id) || e.shard_id < 0 || e.shard_id >= this.numShards) {
      throw bad(`lives in shard ${e.shard_id}, but the bundle has ${this.numShards} shard(s)`);
    }
    if (!Number.isSafeInteger(e.offset) || !Number.isSafeInteger(e.size) || e.offset < 0 || e.size < 0) {
      throw bad(`invalid offset ${e.offset} / size ${e.size}`);
    }
    const count = numElements(shape);
    if (e.slices.length > 0) {
      if (dtype === 'string') throw bad('is a sliced string tensor, which TensorFlow does not write');
      const slices = (e.slices as Array<{ extent?: Array<{ start?: number; length?: number }> }>).map((sl) => {
        const extents = sl.extent ?? [];
        if (extents.length !== shape.length) throw bad(`has a slice of rank ${extents.length}, but the tensor has rank ${shape.length}`);
        return extents.map((x, d): [number, number] => {
          const start = Number(x.start ?? 0);
          const length = x.length === undefined || x.length === null ? -1 : Number(x.length);
          const len = length === -1 ? shape[d]! : length;
          if (!Number.isSafeInteger(start) || !Number.isSafeInteger(len) || start < 0 || len < 0 || start + len > shape[d]!) {
            throw bad(`has a slice [${start}, +${length}) outside dimension ${d} of size ${shape[d]}`);
          }
          return [start, length];
        });
      });
      return { name, dtype, shape, shard: 0, offset: 0, size: 0, crc: 0, slices };
    }
    if (dtype !== 'string' && e.size !== count * ELEMENT_SIZE[dtype]) {
      throw bad(`${dtype} [${shape.join(', ')}] needs ${count * ELEMENT_SIZE[dtype]} bytes, but the entry says ${e.size}`);
    }
    if (dtype === 'string' && e.size < count + 4) throw bad(`${e.size} bytes cannot hold ${count} strings`);
    const shardSize = this.shardSizes[e.shard_id]!;
    if (e.offset + e.size > shardSize) {
      throw bad(
        `bytes ${e.offset}..${e.offset + e.size} lie past the end of ${shardPath(this.prefix, e.shard_id, this.numShards)} (${shardSize} bytes): truncated or wrong shard`,
      );
    }
    return { name, dtype, shape, shard: e.shard_id, offset: e.offset, size: e.size, crc: unmaskCrc(e.crc32c) };
  }

  /** Names of all tensors, sorted. */
  names(): string[] {
    return [...this.infos.keys()];
  }

  has(name: string): boolean {
    return this.infos.has(name);
  }

  info(name: string): BundleTensorInfo {
    const info = this.infos.get(name);
    if (!info) throw new NotFoundError(`tensor "${name}" not found in checkpoint "${this.prefix}"`);
    return info;
  }

  /** The exact values of tensor `name`, after checking its CRC32C (of every slice, for a sliced tensor). */
  getRaw(name: string): RawTensor {
    const info = this.info(name);
    if (info.slices) return this.assemble(info);
    return this.readEntry(info);
  }

  private readEntry(info: BundleTensorInfo): RawTensor {
    const { name } = info;
    const path = shardPath(this.prefix, info.shard, this.numShards);
    const bytes = new Uint8Array(info.size);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new FileFormatError(`missing shard ${info.shard} of ${this.numShards}: ${(e as Error).message}`, path);
    }
    try {
      let done = 0;
      while (done < info.size) {
        const n = readSync(fd, bytes, done, info.size - done, info.offset + done);
        if (n === 0) throw new FileFormatError(`truncated shard: tensor "${name}" needs bytes ${info.offset}..${info.offset + info.size}`, path);
        done += n;
      }
    } finally {
      closeSync(fd);
    }
    const count = numElements(info.shape);
    if (info.dtype === 'string') return { dtype: 'string', shape: info.shape, values: decodeStrings(bytes, count, info.crc, path, name) };
    const actual = crc32c(bytes);
    if (actual !== info.crc) {
      throw new FileFormatError(`CRC mismatch for tensor "${name}": computed ${hex(actual)}, the index says ${hex(info.crc)}`, path);
    }
    return { dtype: info.dtype, shape: info.shape, values: decodeNumeric(info.dtype as Exclude<CheckpointDtype, 'string'>, bytes, count) };
  }

  /** Reads every slice of a sliced tensor and copies it into place; the slices must cover it exactly once. */
  private assemble(info: BundleTensorInfo): RawTensor {
    const file = indexPath(this.prefix);
    const { shape } = info;
    const total = numElements(shape);
    const strides = shape.map((_, d) => numElements(shape.slice(d + 1)));
    const covered = new Uint8Array(total);
    let out: Exclude<RawTensor['values'], Uint8Array[]> | null = null;
    for (const extents of info.slices!) {
      const key = Buffer.from(sliceKey(info.name, extents)).toString('hex');
      const entry = this.sliceEntries.get(key);
      const where = `slice ${extents.map(([s, l]) => `${s}:${l === -1 ? '' : s + l}`).join(',')} of tensor "${info.name}"`;
      if (!entry) throw new FileFormatError(`missing ${where}`, file);
      const sliceShape = extents.map(([s, l], d) => (l === -1 ? shape[d]! : l));
      if (entry.dtype !== info.dtype || entry.shape.join(',') !== sliceShape.join(',')) {
        throw new FileFormatError(`${where} is ${entry.dtype} [${entry.shape.join(', ')}], expected ${info.dtype} [${sliceShape.join(', ')}]`, file);
      }
      const part = this.readEntry({ ...entry, name: `${info.name} (${where})` }).values as Exclude<RawTensor['values'], Uint8Array[]>;
      out ??= new (part.constructor as new (n: number) => typeof part)(total);
      const index = new Array<number>(shape.length).fill(0);
      for (let i = 0; i < part.length; i++) {
        let flat = 0;
        for (let d = 0; d < shape.length; d++) flat += (extents[d]![0] + index[d]!) * strides[d]!;
        if (covered[flat]) throw new FileFormatError(`${where} overlaps another slice`, file);
        covered[flat] = 1;
        (out as { [i: number]: number | bigint })[flat] = part[i]!;
        for (let d = shape.length - 1; d >= 0 && ++index[d]! === sliceShape[d]; d--) index[d] = 0;
      }
    }
    if (!out || covered.some((c) => c === 0)) throw new FileFormatError(`the slices of tensor "${info.name}" do not cover it`, file);
    return { dtype: info.dtype, shape, values: out };
  }
}
