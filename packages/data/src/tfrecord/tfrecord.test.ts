import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@keras-ts/tensor';
import { FileFormatError } from '@keras-ts/tensor';
import { TFRecordDataset, TFRecordWriter, TFRecordCorruptionError, disposeElement } from '../index.js';
import { maskedCrc32c } from './record-format.js';
import type { ByteReader } from '../io/byte-reader.js';

let dir = '';
let start = 0;
beforeAll(async () => {
  await tf.ready();
  dir = mkdtempSync(join(tmpdir(), 'kts-tfrecord-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

async function records(ds: AsyncIterable<tf.Tensor>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of ds) {
    out.push(Buffer.from(tf.engine().readSync(t.dataId)[0] as Uint8Array).toString('latin1'));
    disposeElement(t);
  }
  return out;
}

async function writeRecords(file: string, recs: (string | Uint8Array)[], compressionType = ''): Promise<void> {
  const w = new TFRecordWriter(file, { compressionType });
  for (const r of recs) await w.write(r);
  await w.close();
}

describe('record framing', () => {
  it('masked crc32c matches TensorFlow (known vector)', () => {
    // crc32c("123456789") = 0xe3069283 (the standard check value); masked per TensorFlow's crc32c::Mask.
    const crc = 0xe3069283;
    const masked = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
    expect(maskedCrc32c(Buffer.from('123456789'))).toBe(masked);
  });

  it('writes the exact byte layout: length, masked crc of length, data, masked crc of data', async () => {
    const f = join(dir, 'layout.tfrecord');
    await writeRecords(f, ['abc']);
    const b = readFileSync(f);
    expect(b.length).toBe(8 + 4 + 3 + 4);
    expect(b.readBigUInt64LE(0)).toBe(3n);
    expect(b.readUInt32LE(8)).toBe(maskedCrc32c(b.subarray(0, 8)));
    expect(b.subarray(12, 15).toString()).toBe('abc');
    expect(b.readUInt32LE(15)).toBe(maskedCrc32c(Buffer.from('abc')));
  });
});

describe('TFRecordDataset and TFRecordWriter', () => {
  it('round-trips records, including empty and binary ones, across files', async () => {
    const a = join(dir, 'a.tfrecord');
    const b = join(dir, 'b.tfrecord');
    const bin = new Uint8Array([0, 255, 128, 10, 13, 0]);
    await writeRecords(a, ['first', '', bin]);
    await writeRecords(b, ['x'.repeat(100_000)]);
    const ds = new TFRecordDataset([a, b]);
    expect(String(ds.elementSpec)).toBe('TensorSpec(shape=[], dtype=string)');
    const got = await records(ds);
    expect(got).toEqual(['first', '', Buffer.from(bin).toString('latin1'), 'x'.repeat(100_000)]);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it.each(['GZIP', 'ZLIB'])('round-trips %s-compressed files', async (c) => {
    const f = join(dir, `c-${c}.tfrecord`);
    const recs = Array.from({ length: 50 }, (_, i) => `record ${i} `.repeat(i));
    await writeRecords(f, recs, c);
    expect(readFileSync(f)[0]).toBe(c === 'GZIP' ? 0x1f : 0x78);
    expect(await records(new TFRecordDataset(f, { compressionType: c }))).toEqual(recs);
  });

  it('numParallelReads interleaves files record by record', async () => {
    const a = join(dir, 'pa.tfrecord');
    const b = join(dir, 'pb.tfrecord');
    const c = join(dir, 'pc.tfrecord');
    await writeRecords(a, ['a0', 'a1', 'a2']);
    await writeRecords(b, ['b0']);
    await writeRecords(c, ['c0', 'c1']);
    expect(await records(new TFRecordDataset([a, b, c], { numParallelReads: 2 }))).toEqual(['a0', 'b0', 'a1', 'a2', 'c0', 'c1']);
    expect(await records(new TFRecordDataset([a, b, c]))).toEqual(['a0', 'a1', 'a2', 'b0', 'c0', 'c1']);
  });

  it('batches and maps like any dataset', async () => {
    const f = join(dir, 'batch.tfrecord');
    await writeRecords(f, ['a', 'b', 'c']);
    const out: unknown[] = [];
    for await (const el of new TFRecordDataset(f).batch(2)) {
      out.push((el as tf.Tensor).arraySync());
      disposeElement(el);
    }
    expect(out).toEqual([['a', 'b'], ['c']]);
  });

  it('reads in bounded memory: buffered bytes stay near the chunk size plus one record', async () => {
    const f = join(dir, 'big.tfrecord');
    const rec = 'y'.repeat(1000);
    await writeRecords(f, Array.from({ length: 2000 }, () => rec)); // ~2 MB
    const readers: ByteReader[] = [];
    let n = 0;
    for await (const t of new TFRecordDataset(f, { bufferSize: 4096, onReader: (r) => readers.push(r) })) {
      n++;
      t.dispose();
    }
    expect(n).toBe(2000);
    expect(readers[0]!.offset).toBe(2000 * 1016);
    expect(readers[0]!.maxBuffered).toBeLessThanOrEqual(4096 + 1016);
  });
});

describe('corrupt files give typed errors naming the file and record offset', () => {
  async function corrupt(name: string, mutate: (b: Buffer) => Buffer): Promise<string> {
    const f = join(dir, name);
    await writeRecords(f, ['hello', 'world!', 'third']);
    writeFileSync(f, mutate(readFileSync(f)));
    return f;
  }
  // record 0: 12 + 5 + 4 = 21 bytes; record 1 starts at offset 21, its data at 33..39, data crc at 39.
  it('data CRC', async () => {
    const f = await corrupt('data-crc.tfrecord', (b) => {
      b[34] ^= 1;
      return b;
    });
    const err = await records(new TFRecordDataset(f)).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptionError);
    expect(err).toBeInstanceOf(FileFormatError);
    expect(err.file).toBe(f);
    expect(err.offset).toBe(21);
    expect(err.message).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: corrupted record at offset 21: data CRC mismatch`));
  });

  it('length CRC', async () => {
    const f = await corrupt('len-crc.tfrecord', (b) => {
      b[29] ^= 0x80;
      return b;
    });
    const err = await records(new TFRecordDataset(f)).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptionError);
    expect(err.offset).toBe(21);
    expect(err.message).toMatch(/length CRC mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/);
  });

  it('corrupt length field (caught by the length CRC, no huge allocation)', async () => {
    const f = await corrupt('len.tfrecord', (b) => {
      b[21 + 6] = 0x7f;
      return b;
    });
    await expect(records(new TFRecordDataset(f))).rejects.toThrow(/offset 21: length CRC mismatch/);
  });

  it('truncated file', async () => {
    const f = await corrupt('trunc.tfrecord', (b) => b.subarray(0, b.length - 3));
    const err = await records(new TFRecordDataset(f)).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptionError);
    expect(err.offset).toBe(21 + 22);
    expect(err.message).toMatch(/truncated record/);
    const g = await corrupt('trunc-header.tfrecord', (b) => b.subarray(0, 25));
    await expect(records(new TFRecordDataset(g))).rejects.toThrow(/offset 21: truncated record header \(4 of 12 bytes\)/);
  });

  it('records before the corruption are delivered first', async () => {
    const f = await corrupt('partial.tfrecord', (b) => {
      b[50] ^= 1;
      return b;
    });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const t of new TFRecordDataset(f)) {
        seen.push(String(t.arraySync()));
        t.dispose();
      }
    })().catch((e) => e);
    expect(seen).toEqual(['hello', 'world!']);
    expect(err.offset).toBe(43);
  });

  it('corrupt gzip stream and missing file', async () => {
    const f = join(dir, 'bad.gz');
    const gz = gzipSync(Buffer.alloc(1000, 7));
    gz[20] ^= 0xff;
    writeFileSync(f, gz);
    const err = await records(new TFRecordDataset(f, { compressionType: 'GZIP' })).catch((e) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect(err.message).toContain(f);
    await expect(records(new TFRecordDataset(join(dir, 'nope.tfrecord')))).rejects.toThrow(/nope\.tfrecord: cannot open TFRecord file/);
    expect(() => new TFRecordDataset(f, { compressionType: 'LZ4' })).toThrow(/'', 'GZIP' or 'ZLIB'/);
  });
});
