/**
 * TensorFlow's record framing (TFRecord): each record is
 *   uint64 length (little-endian) | uint32 masked_crc32c(length bytes) | data | uint32 masked_crc32c(data)
 * with masked_crc(x) = rotate_right(crc32c(x), 15) + 0xa282ead8 (mod 2^32).
 */
import { crc32c } from '@aws-crypto/crc32c';
import { FileFormatError } from '@keras-ts/tensor';

const MASK_DELTA = 0xa282ead8;

export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** A TFRecord file whose framing or checksums are wrong (TensorFlow's DataLossError). */
export class TFRecordCorruptionError extends FileFormatError {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`corrupted record at offset ${offset}: ${reason}`, file);
  }
}

/** The 12-byte header of a record of `length` bytes. */
export function recordHeader(length: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeBigUInt64LE(BigInt(length), 0);
  h.writeUInt32LE(maskedCrc32c(h.subarray(0, 8)), 8);
  return h;
}

/** The 4-byte footer (masked CRC of the data). */
export function recordFooter(data: Uint8Array): Buffer {
  const f = Buffer.alloc(4);
  f.writeUInt32LE(maskedCrc32c(data), 0);
  return f;
}

/** Records larger than this are refused (TensorFlow's readers refuse absurd lengths too). */
export const MAX_RECORD_BYTES = 2 ** 31 - 1;

export function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
