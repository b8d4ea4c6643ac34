/**
 * Test helper: an independent reader of LevelDB-format tables, written from the format description only (its
 * own CRC32C, varints, footer, block and handle decoding), asserting footer magic, block CRCs, restart points,
 * contiguous blocks, index-key bounds and strictly increasing keys.
 */
import { expect } from 'vitest';
import * as snappy from 'snappyjs';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function refCrc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const refMask = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;

function varint(buf: Uint8Array, p: number): [number, number] {
  let v = 0;
  let s = 1;
  for (;;) {
    const b = buf[p++]!;
    v += (b & 127) * s;
    s *= 128;
    if (b < 128) return [v, p];
  }
}

export interface Parsed {
  blocks: Array<{ offset: number; size: number; restarts: number[]; entries: number }>;
  entries: Array<[string, Uint8Array]>;
  sharedBytes: number;
}

export function independentParse(file: Uint8Array): Parsed {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const n = file.length;
  expect(dv.getUint32(n - 8, true)).toBe(0x8b80fb57);
  expect(dv.getUint32(n - 4, true)).toBe(0xdb477524);
  let p = n - 48;
  let metaOff, metaSize, idxOff, idxSize;
  [metaOff, p] = varint(file, p);
  [metaSize, p] = varint(file, p);
  [idxOff, p] = varint(file, p);
  [idxSize, p] = varint(file, p);
  expect(p).toBeLessThanOrEqual(n - 8);
  const block = (off: number, size: number) => {
    const body = file.subarray(off, off + size);
    const type = file[off + size]!;
    expect(type === 0 || type === 1).toBe(true);
    expect(dv.getUint32(off + size + 1, true)).toBe(refMask(refCrc32c(file.subarray(off, off + size + 1))));
    const raw = type === 1 ? new Uint8Array(snappy.uncompress(body.slice())) : body;
    const bv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const numRestarts = bv.getUint32(raw.length - 4, true);
    const restartsAt = raw.length - 4 - 4 * numRestarts;
    const restarts = Array.from({ length: numRestarts }, (_, i) => bv.getUint32(restartsAt + 4 * i, true));
    const entries: Array<[Uint8Array, Uint8Array]> = [];
    let q = 0;
    let key = new Uint8Array(0);
    let sharedTotal = 0;
    while (q < restartsAt) {
      if (restarts.includes(q)) expect(file.length && raw[q]).toBe(0); // shared = 0 at a restart point
      let shared, nonShared, vlen;
      [shared, q] = varint(raw, q);
      sharedTotal += shared;
      [nonShared, q] = varint(raw, q);
      [vlen, q] = varint(raw, q);
      const k = new Uint8Array(shared + nonShared);
      k.set(key.subarray(0, shared));
      k.set(raw.subarray(q, q + nonShared), shared);
      q += nonShared;
      entries.push([k, raw.slice(q, q + vlen)]);
      q += vlen;
      key = k;
    }
    expect(q).toBe(restartsAt);
    return { restarts, entries, sharedTotal };
  };
  expect(block(metaOff, metaSize).entries).toEqual([]);
  const index = block(idxOff, idxSize);
  const out: Parsed = { blocks: [], entries: [], sharedBytes: 0 };
  const dec = new TextDecoder();
  let end = 0;
  for (const [indexKey, handle] of index.entries) {
    let off, size;
    [off] = varint(handle, 0);
    [size] = varint(handle, varint(handle, 0)[1]);
    expect(off).toBe(end); // blocks are contiguous from offset 0
    end = off + size + 5;
    const b = block(off, size);
    out.sharedBytes += b.sharedTotal;
    for (const [k, v] of b.entries) {
      expect(Buffer.compare(Buffer.from(k), Buffer.from(indexKey))).toBeLessThanOrEqual(0);
      out.entries.push([dec.decode(k), v]);
    }
    out.blocks.push({ offset: off, size, restarts: b.restarts, entries: b.entries.length });
  }
  for (let i = 1; i < out.entries.length; i++) {
    expect(Buffer.compare(Buffer.from(out.entries[i - 1]![0]), Buffer.from(out.entries[i]![0]))).toBe(-1);
  }
  return out;
}

