/** Constants and block handles of the LevelDB table format (the `.index` file of a tensor bundle). */
import { getVarint, putVarint } from './varint.js';

/** The table magic number 0xdb4775248b80fb57, as its two little-endian uint32 halves. */
export const TABLE_MAGIC_LO = 0x8b80fb57;
export const TABLE_MAGIC_HI = 0xdb477524;
/** Two block handles padded to 40 bytes, then the 8-byte magic. */
export const FOOTER_LENGTH = 48;
/** One compression-type byte and a masked CRC32C after every block. */
export const BLOCK_TRAILER_LENGTH = 5;
export const NO_COMPRESSION = 0;
export const SNAPPY_COMPRESSION = 1;

export interface BlockHandle {
  offset: number;
  size: number;
}

export function encodeHandle(h: BlockHandle): number[] {
  const out: number[] = [];
  putVarint(out, h.offset);
  putVarint(out, h.size);
  return out;
}

/** The handle at `offset`, or null if the bytes do not hold one. */
export function decodeHandle(buf: Uint8Array, offset = 0, limit = buf.length): { handle: BlockHandle; next: number } | null {
  const off = getVarint(buf, offset, limit);
  const size = off && getVarint(buf, off.next, limit);
  if (!off || !size) return null;
  return { handle: { offset: off.value, size: size.value }, next: size.next };
}
