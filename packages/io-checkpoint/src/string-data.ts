/**
 * The data-file layout of a string tensor: varint64 lengths, a masked CRC32C of the lengths, then the bytes.
 * The entry's CRC32C covers the lengths (as uint32, or uint64 past 4 GiB), the length checksum and the bytes.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { maskCrc, uint32Bytes, unmaskCrc } from './crc.js';
import { Crc32c } from '@aws-crypto/crc32c';
import { getVarint, putVarint } from './varint.js';

function lengthBytes(n: number): Uint8Array {
  if (n <= 0xffffffff) return uint32Bytes(n);
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

/** Encoded bytes and the (unmasked) CRC32C the entry records. */
export function encodeStrings(values: Uint8Array[]): { bytes: Uint8Array; crc: number } {
  const lengths: number[] = [];
  const c = new Crc32c();
  for (const v of values) {
    putVarint(lengths, v.length);
    c.update(lengthBytes(v.length));
  }
  const lengthCrc = uint32Bytes(maskCrc(c.digest() >>> 0));
  c.update(lengthCrc);
  const total = lengths.length + 4 + values.reduce((a, v) => a + v.length, 0);
  const bytes = new Uint8Array(total);
  bytes.set(lengths, 0);
  bytes.set(lengthCrc, lengths.length);
  let p = lengths.length + 4;
  for (const v of values) {
    bytes.set(v, p);
    p += v.length;
    c.update(v);
  }
  return { bytes, crc: c.digest() >>> 0 };
}

/** Decodes `count` strings from exactly `bytes`; checks both checksums. */
export function decodeStrings(bytes: Uint8Array, count: number, entryCrc: number, file: string, key: string): Uint8Array[] {
  const bad = (what: string) => new FileFormatError(`string tensor "${key}": ${what}`, file);
  const lengths: number[] = [];
  let p = 0;
  const c = new Crc32c();
  for (let i = 0; i < count; i++) {
    const v = getVarint(bytes, p);
    if (!v) throw bad(`truncated length of element ${i}`);
    lengths.push(v.value);
    c.update(lengthBytes(v.value));
    p = v.next;
  }
  if (p + 4 > bytes.length) throw bad('truncated length checksum');
  const stored = new DataView(bytes.buffer, bytes.byteOffset + p, 4).getUint32(0, true);
  if (unmaskCrc(stored) !== c.digest() >>> 0) throw bad('CRC mismatch in the string lengths');
  c.update(bytes.subarray(p, p + 4));
  p += 4;
  const total = lengths.reduce((a, b) => a + b, 0);
  if (p + total !== bytes.length) throw bad(`lengths add up to ${total} bytes but the entry holds ${bytes.length - p}`);
  const out: Uint8Array[] = [];
  for (const n of lengths) {
    out.push(bytes.slice(p, p + n));
    c.update(bytes.subarray(p, p + n));
    p += n;
  }
  if (c.digest() >>> 0 !== entryCrc) throw bad('CRC mismatch');
  return out;
}
