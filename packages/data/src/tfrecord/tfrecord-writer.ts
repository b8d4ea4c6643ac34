/**
 * TFRecordWriter: writes records in TensorFlow's framing, optionally GZIP/ZLIB compressed. Writes go to a
 * temporary file that `close()` renames into place, so an interrupted write never leaves a half-written file.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createDeflate, createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import * as tf from '@keras-ts/tensor';
import { RuntimeError, ValueError } from '@keras-ts/tensor';
import { parseCompression } from '../io/byte-reader.js';
import { MAX_RECORD_BYTES, recordFooter, recordHeader } from './record-format.js';
import { stringBytes } from '../tensors.js';

export interface TFRecordWriterOptions {
  compressionType?: string | null;
}

let counter = 0;

export class TFRecordWriter {
  private readonly tmp: string;
  private readonly file: WriteStream;
  private readonly out: Writable;
  private closed = false;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    options: TFRecordWriterOptions = {},
  ) {
    const compression = parseCompression(options.compressionType, 'TFRecordWriter');
    this.tmp = `${path}.tmp-${process.pid}-${counter++}`;
    this.file = createWriteStream(this.tmp);
    this.file.on('error', (e) => (this.failure ??= e));
    if (compression === '') this.out = this.file;
    else {
      const z = compression === 'GZIP' ? createGzip() : createDeflate();
      z.on('error', (e) => (this.failure ??= e));
      z.pipe(this.file);
      this.out = z;
    }
  }

  /** Appends one record (bytes, a string, or a scalar string tensor). */
  async write(record: Uint8Array | string | tf.Tensor): Promise<void> {
    if (this.closed) throw new RuntimeError(`TFRecordWriter(${this.path}): write after close.`);
    if (this.failure) throw this.failure;
    const data = toBytes(record);
    if (data.length > MAX_RECORD_BYTES) throw new ValueError(`TFRecordWriter: a record of ${data.length} bytes is larger than the ${MAX_RECORD_BYTES}-byte limit.`);
    const ok = this.out.write(Buffer.concat([recordHeader(data.length), data, recordFooter(data)]));
    if (!ok) await once(this.out, 'drain');
  }

  /** Flushes, closes and moves the file into place. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.out.end();
    if (!this.file.closed) await once(this.file, 'close');
    if (this.failure) {
      await rm(this.tmp, { force: true });
      throw this.failure;
    }
    await rename(this.tmp, this.path);
  }

  /** Closes without keeping the file. */
  async abort(): Promise<void> {
    this.closed = true;
    this.out.destroy();
    this.file.destroy();
    await rm(this.tmp, { force: true });
  }
}

function toBytes(record: Uint8Array | string | tf.Tensor): Buffer {
  if (typeof record === 'string') return Buffer.from(record, 'utf8');
  if (record instanceof tf.Tensor) {
    if (record.dtype !== 'string' || record.size !== 1) {
      throw new ValueError(`TFRecordWriter: a tensor record must be a scalar string tensor, but received a ${record.dtype} tensor of shape [${record.shape.join(', ')}].`);
    }
    const b = stringBytes(record)[0]!;
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
  if (record instanceof Uint8Array) return Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  throw new ValueError(`TFRecordWriter: a record must be a Uint8Array, a string or a scalar string tensor, but received ${typeof record}.`);
}
