/**
 * Reads exact byte counts from a stream of chunks (a file read stream, possibly through a decompressor),
 * holding at most one chunk plus the bytes asked for: the basis of bounded-memory file sources.
 */
import { createReadStream } from 'node:fs';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ValueError } from '@keras-ts/tensor';

export type Compression = '' | 'GZIP' | 'ZLIB';

/** Normalizes tf.data's compression_type ('', 'GZIP', 'ZLIB'; case-insensitive; null/undefined = none). */
export function parseCompression(c: string | null | undefined, what: string): Compression {
  const up = (c ?? '').toUpperCase();
  if (up === '' || up === 'NONE') return '';
  if (up === 'GZIP' || up === 'ZLIB') return up;
  throw new ValueError(`${what}: compressionType must be '', 'GZIP' or 'ZLIB', but received '${c}'.`);
}

/** A readable stream of the (decompressed) bytes of `path`. */
export function openFileStream(path: string, compression: Compression, highWaterMark = 1 << 16): Readable {
  const file = createReadStream(path, { highWaterMark });
  if (compression === '') return file;
  const z = compression === 'GZIP' ? createGunzip({ chunkSize: highWaterMark }) : createInflate({ chunkSize: highWaterMark });
  file.on('error', (e) => z.destroy(e));
  return file.pipe(z);
}

export class ByteReader {
  private readonly it: AsyncIterator<Buffer>;
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  /** Bytes consumed so far (the offset of the next read in the decompressed stream). */
  offset = 0;
  /** The most bytes this reader has buffered at once (for tests of bounded buffering). */
  maxBuffered = 0;

  constructor(private readonly stream: Readable) {
    this.it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Exactly `n` bytes; fewer only at end of stream (an empty buffer when nothing is left). */
  async read(n: number): Promise<Buffer> {
    const avail = this.chunk.length - this.pos;
    if (avail >= n) {
      const out = this.chunk.subarray(this.pos, this.pos + n);
      this.pos += n;
      this.offset += n;
      return out;
    }
    const parts: Buffer[] = [this.chunk.subarray(this.pos)];
    let have = avail;
    this.chunk = Buffer.alloc(0);
    this.pos = 0;
    while (have < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      const need = n - have;
      const c = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      if (c.length > need) {
        parts.push(c.subarray(0, need));
        this.chunk = c;
        this.pos = need;
        have = n;
      } else {
        parts.push(c);
        have += c.length;
      }
      this.maxBuffered = Math.max(this.maxBuffered, have + this.chunk.length - this.pos);
    }
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
    this.offset += out.length;
    return out;
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.stream.destroy();
  }
}
