/** Streams the records of one TFRecord file, checking framing and CRCs, in bounded memory. */
import { ByteReader, openFileStream, type Compression } from '../io/byte-reader.js';
import { FileFormatError } from '@keras-ts/tensor';
import { hex, maskedCrc32c, MAX_RECORD_BYTES, TFRecordCorruptionError } from './record-format.js';

export interface RecordReadOptions {
  compression: Compression;
  /** Read chunk size in bytes (tf.data's buffer_size); default 256 KiB. */
  bufferSize?: number;
  /** Verify the CRCs (default true). */
  checkCrc?: boolean;
  /** Receives the reader (tests use it to see how much was buffered). */
  onReader?: (r: ByteReader) => void;
}

export async function* readRecords(file: string, opts: RecordReadOptions): AsyncGenerator<Buffer> {
  const r = new ByteReader(openFileStream(file, opts.compression, opts.bufferSize ?? 1 << 18));
  opts.onReader?.(r);
  const check = opts.checkCrc ?? true;
  let at = 0;
  const read = async (n: number): Promise<Buffer> => {
    try {
      return await r.read(n);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') throw new FileFormatError(`cannot open TFRecord file: ${err.message}`, file);
      throw new TFRecordCorruptionError(file, at, `cannot read${opts.compression ? ` (${opts.compression} stream)` : ''}: ${err.message}`);
    }
  };
  try {
    for (;;) {
      at = r.offset;
      const header = await read(12);
      if (header.length === 0) return;
      if (header.length < 12) throw new TFRecordCorruptionError(file, at, `truncated record header (${header.length} of 12 bytes)`);
      const lengthCrc = header.readUInt32LE(8);
      const computed = maskedCrc32c(header.subarray(0, 8));
      if (check && lengthCrc !== computed) {
        throw new TFRecordCorruptionError(file, at, `length CRC mismatch (stored ${hex(lengthCrc)}, computed ${hex(computed)})`);
      }
      const big = header.readBigUInt64LE(0);
      if (big > BigInt(MAX_RECORD_BYTES)) throw new TFRecordCorruptionError(file, at, `record length ${big} is larger than ${MAX_RECORD_BYTES} bytes`);
      const length = Number(big);
      const body = await read(length + 4);
      if (body.length < length + 4) {
        throw new TFRecordCorruptionError(file, at, `truncated record: expected ${length} data bytes and a 4-byte CRC, but the file ends after ${body.length} bytes`);
      }
      const data = body.subarray(0, length);
      if (check) {
        const stored = body.readUInt32LE(length);
        const got = maskedCrc32c(data);
        if (stored !== got) throw new TFRecordCorruptionError(file, at, `data CRC mismatch (stored ${hex(stored)}, computed ${hex(got)})`);
      }
      yield data;
    }
  } finally {
    r.close();
  }
}
