/**
 * One block of a LevelDB-format table: entries with prefix-compressed keys, then the restart-point offsets and
 * their count (all uint32 little-endian). Every `restartInterval`-th key is stored whole (a restart point).
 */
import { FileFormatError } from '@keras-ts/tensor';
import { getVarint, putVarint } from './varint.js';

/** Bytewise comparison of two keys (LevelDB's default comparator). */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export class BlockBuilder {
  private readonly bytes: number[] = [];
  private readonly restarts: number[] = [0];
  private counter = 0;
  private lastKey: Uint8Array | null = null;

  constructor(private readonly restartInterval: number) {}

  get empty(): boolean {
    return this.lastKey === null;
  }

  /** Size of the block if it were finished now. */
  get estimatedSize(): number {
    return this.bytes.length + 4 * this.restarts.length + 4;
  }

  add(key: Uint8Array, value: Uint8Array): void {
    if (this.lastKey && compareKeys(key, this.lastKey) <= 0) throw new RangeError('table keys must be added in strictly increasing order');
    let shared = 0;
    if (this.counter < this.restartInterval) {
      const last = this.lastKey ?? new Uint8Array(0);
      const n = Math.min(last.length, key.length);
      while (shared < n && last[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.bytes.length);
      this.counter = 0;
    }
    putVarint(this.bytes, shared);
    putVarint(this.bytes, key.length - shared);
    putVarint(this.bytes, value.length);
    for (let i = shared; i < key.length; i++) this.bytes.push(key[i]!);
    for (const b of value) this.bytes.push(b);
    this.lastKey = key;
    this.counter++;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.estimatedSize);
    out.set(this.bytes, 0);
    const view = new DataView(out.buffer);
    let p = this.bytes.length;
    for (const r of this.restarts) {
      view.setUint32(p, r, true);
      p += 4;
    }
    view.setUint32(p, this.restarts.length, true);
    return out;
  }
}

/** Decodes every entry of a block; throws {@link FileFormatError} naming `file` on any inconsistency. */
export function parseBlock(block: Uint8Array, file: string, where: string): Array<[Uint8Array, Uint8Array]> {
  const bad = (what: string) => new FileFormatError(`corrupted table ${where}: ${what}`, file);
  if (block.length < 4) throw bad(`block of ${block.length} bytes is too short for its restart count`);
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const numRestarts = view.getUint32(block.length - 4, true);
  const restartsAt = block.length - 4 - 4 * numRestarts;
  if (numRestarts < 1 || restartsAt < 0) throw bad(`restart count ${numRestarts} does not fit a block of ${block.length} bytes`);
  const restarts = new Set<number>();
  for (let i = 0; i < numRestarts; i++) restarts.add(view.getUint32(restartsAt + 4 * i, true));
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  let key = new Uint8Array(0);
  let p = 0;
  while (p < restartsAt) {
    const isRestart = restarts.has(p);
    const shared = getVarint(block, p, restartsAt);
    const nonShared = shared && getVarint(block, shared.next, restartsAt);
    const valueLen = nonShared && getVarint(block, nonShared.next, restartsAt);
    if (!shared || !nonShared || !valueLen) throw bad(`truncated entry header at byte ${p}`);
    if (shared.value > key.length || (isRestart && shared.value !== 0)) throw bad(`entry at byte ${p} shares ${shared.value} key bytes with a key of ${key.length}`);
    const keyEnd = valueLen.next + nonShared.value;
    const valueEnd = keyEnd + valueLen.value;
    if (valueEnd > restartsAt) throw bad(`entry at byte ${p} runs past the end of the block`);
    const next = new Uint8Array(shared.value + nonShared.value);
    next.set(key.subarray(0, shared.value), 0);
    next.set(block.subarray(valueLen.next, keyEnd), shared.value);
    if (entries.length > 0 && compareKeys(next, key) <= 0) throw bad(`keys out of order at byte ${p}`);
    key = next;
    entries.push([key, block.subarray(keyEnd, valueEnd)]);
    p = valueEnd;
  }
  return entries;
}
