/** CRC32C (Castagnoli) as TensorFlow and LevelDB use it, with their "masked" form for stored checksums. */
import { Crc32c } from '@aws-crypto/crc32c';

const MASK_DELTA = 0xa282ead8;

/** CRC32C of the concatenation of `parts`. */
export function crc32c(...parts: Uint8Array[]): number {
  const c = new Crc32c();
  for (const p of parts) c.update(p);
  return c.digest() >>> 0;
}

/** The masked CRC that LevelDB tables and tensor bundles store (rotate right by 15, add a constant). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Inverse of {@link maskCrc}. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

/** The 4 little-endian bytes of a uint32. */
export function uint32Bytes(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}
