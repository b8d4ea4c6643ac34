/**
 * Streams the lines of a file (optionally GZIP/ZLIB compressed) as byte buffers, without the line ending
 * ("\n" or "\r\n", as TensorFlow's text readers). Memory holds one read chunk plus the current line.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { openFileStream, type Compression } from './byte-reader.js';

export interface LineReadOptions {
  compression: Compression;
  bufferSize?: number;
  /** Called with the most bytes held at once, after the file is read (for tests of bounded buffering). */
  onDone?: (maxBuffered: number) => void;
}

function stripCr(b: Buffer): Buffer {
  return b.length > 0 && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
}

export async function* readLines(file: string, opts: LineReadOptions): AsyncGenerator<Buffer> {
  const stream = openFileStream(file, opts.compression, opts.bufferSize ?? 1 << 18);
  let carry: Buffer[] = [];
  let carryLen = 0;
  let maxBuffered = 0;
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      let pos = 0;
      maxBuffered = Math.max(maxBuffered, carryLen + c.length);
      for (;;) {
        const nl = c.indexOf(0x0a, pos);
        if (nl < 0) break;
        let line = c.subarray(pos, nl);
        if (carryLen > 0) {
          line = Buffer.concat([...carry, line]);
          carry = [];
          carryLen = 0;
        }
        yield stripCr(line);
        pos = nl + 1;
      }
      if (pos < c.length) {
        carry.push(Buffer.from(c.subarray(pos))); // copy: do not pin the whole chunk
        carryLen += c.length - pos;
      }
    }
    if (carryLen > 0) yield stripCr(Buffer.concat(carry));
    opts.onDone?.(maxBuffered);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof FileFormatError) throw e;
    throw new FileFormatError(`cannot read${opts.compression ? ` (${opts.compression} stream)` : ''}: ${err.message}`, file);
  } finally {
    stream.destroy();
  }
}
