/** Tensor bundles: every dtype round-trips exactly; shards; corrupted bundles give typed errors, never values. */
import { mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { FileFormatError, NotFoundError, ValueError } from '@keras-ts/tensor';
import { BundleReader } from './bundle-reader.js';
import { writeBundle, type BundleInput } from './bundle-writer.js';
import { roundTo } from './dtypes.js';
import { loadCheckpoint } from './inspect.js';
import { encodeEntry, encodeHeader } from './protos.js';
import { buildTable } from './table-writer.js';
import { independentParse } from './testing/independent-table.js';
import { EVERY_DTYPE } from './testing/every-dtype.js';

const dir = mkdtempSync(join(tmpdir(), 'keras-ts-bundle-'));
const utf8 = new TextEncoder();


beforeAll(async () => {
  await tf.ready();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tensor bundle', () => {
  it('round-trips every dtype exactly, and the .index is a valid table', async () => {
    const prefix = join(dir, 'all');
    await writeBundle(prefix, Object.entries(EVERY_DTYPE).map(([name, value]) => ({ name, value })));
    const reader = BundleReader.open(prefix);
    expect(reader.numShards).toBe(1);
    expect(reader.names()).toEqual(Object.keys(EVERY_DTYPE).sort());
    for (const [name, raw] of Object.entries(EVERY_DTYPE)) expect(reader.getRaw(name), name).toEqual(raw);

    const parsed = independentParse(readFileSync(`${prefix}.index`));
    expect(parsed.entries.map(([k]) => k)).toEqual(['', ...Object.keys(EVERY_DTYPE).sort()]);
  });

  it('rounds float16/bfloat16 to nearest-even and range-checks integers', async () => {
    const prefix = join(dir, 'round');
    await writeBundle(prefix, [
      { name: 'h', value: { dtype: 'float16', shape: [3], values: Float32Array.of(0.1, 70000, 1 + 2 ** -11) } },
      { name: 'bf', value: { dtype: 'bfloat16', shape: [2], values: Float32Array.of(0.1, 1 + 2 ** -8) } },
    ]);
    const r = BundleReader.open(prefix);
    expect(Array.from(r.getRaw('h').values as Float32Array)).toEqual([0.0999755859375, Infinity, 1]);
    expect(Array.from(r.getRaw('bf').values as Float32Array)).toEqual([0.10009765625, 1]);
    expect(roundTo('float16', 1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    await expect(writeBundle(join(dir, 'bad'), [{ name: 'x', value: { dtype: 'int8', shape: [1], values: Int32Array.of(300) } }])).rejects.toThrow(
      /value 300 .* does not fit dtype int8/,
    );
    await expect(writeBundle(join(dir, 'bad'), [{ name: 'x', value: { dtype: 'int32', shape: [2], values: Int32Array.of(1) } }])).rejects.toThrow(
      /needs 2 values, got 1/,
    );
    await expect(
      writeBundle(join(dir, 'bad'), [
        { name: 'x', value: EVERY_DTYPE.i8! },
        { name: 'x', value: EVERY_DTYPE.i8! },
      ]),
    ).rejects.toThrow(/duplicate/);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it('writes tfjs tensors, casting on request, and reads them back as tensors', async () => {
    const start = tf.memory().numTensors;
    const prefix = join(dir, 'tensors');
    const t = {
      f: tf.tensor2d([[1, 2], [3, 4]]),
      i: tf.tensor1d([7, -8], 'int32'),
      b: tf.tensor1d([true, false], 'bool'),
      s: tf.tensor1d(['a', 'bc'], 'string'),
    };
    const inputs: BundleInput[] = [
      { name: 'f', value: t.f },
      { name: 'f64', value: t.f, dtype: 'float64' },
      { name: 'i', value: t.i },
      { name: 'i64', value: t.i, dtype: 'int64' },
      { name: 'b', value: t.b },
      { name: 's', value: t.s },
    ];
    await writeBundle(prefix, inputs);
    tf.dispose(Object.values(t));
    const reader = loadCheckpoint(prefix);
    expect(reader.getVariableToDtypeMap()).toEqual({ b: 'bool', f: 'float32', f64: 'float64', i: 'int32', i64: 'int64', s: 'string' });
    expect(reader.getVariableToShapeMap()).toEqual({ b: [2], f: [2, 2], f64: [2, 2], i: [2], i64: [2], s: [2] });
    const back = Object.fromEntries(['f', 'f64', 'i', 'i64', 'b', 's'].map((n) => [n, reader.getTensor(n)]));
    expect(back.f64!.dtype).toBe('float32');
    expect(await back.f64!.array()).toEqual([[1, 2], [3, 4]]);
    expect(back.i64!.dtype).toBe('int32');
    expect(await back.i64!.array()).toEqual([7, -8]);
    expect(await back.b!.array()).toEqual([1, 0]);
    expect(back.b!.dtype).toBe('bool');
    expect(await back.s!.array()).toEqual(['a', 'bc']);
    expect(reader.getRawTensor('i64').values).toEqual(BigInt64Array.of(7n, -8n));
    tf.dispose(Object.values(back));
    // int64 values beyond int32 are not silently wrapped into a tfjs tensor.
    expect(() => loadCheckpoint(join(dir, 'all')).getTensor('i64')).toThrow(ValueError);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('splits data into shards by maxShardSize and reads every shard', async () => {
    const prefix = join(dir, 'sharded');
    const inputs = Array.from({ length: 6 }, (_, i) => ({
      name: `v${i}`,
      value: { dtype: 'float32' as const, shape: [100], values: Float32Array.from({ length: 100 }, (_, j) => i * 1000 + j) },
    }));
    const files = await writeBundle(prefix, inputs, { maxShardSize: 900 });
    expect(files).toHaveLength(4);
    expect(files[3]).toBe(`${prefix}.data-00002-of-00003`);
    const r = BundleReader.open(prefix);
    expect(r.numShards).toBe(3);
    expect(inputs.map((x) => r.info(x.name).shard)).toEqual([0, 0, 1, 1, 2, 2]);
    for (const x of inputs) expect(r.getRaw(x.name).values).toEqual(x.value.values);
    // Rewriting the prefix with one shard removes the old three-shard files.
    await writeBundle(prefix, inputs.slice(0, 1));
    expect(readdirSync(dir).filter((f) => f.startsWith('sharded.data'))).toEqual(['sharded.data-00000-of-00001']);
  });
});

describe('tensors TensorFlow saved in slices (MaxShardSizePolicy; test-data/make_sliced.py)', () => {
  const prefix = fileURLToPath(new URL('../test-data/sliced/ckpt', import.meta.url));
  it('assembles every slice across the 16 shards into the full tensor', () => {
    const r = BundleReader.open(prefix);
    expect(r.numShards).toBe(16);
    expect(r.names()).toEqual(['_CHECKPOINTABLE_OBJECT_GRAPH', 'm/a/.ATTRIBUTES/VARIABLE_VALUE', 'm/b/.ATTRIBUTES/VARIABLE_VALUE', 'm/c/.ATTRIBUTES/VARIABLE_VALUE']);
    const expected: Array<[string, string, number[]]> = [
      ['m/a', 'float32', [30, 5]],
      ['m/b', 'int64', [70]],
      ['m/c', 'float64', [2, 3, 40]],
    ];
    for (const [name, dtype, shape] of expected) {
      const key = `${name}/.ATTRIBUTES/VARIABLE_VALUE`;
      expect(r.info(key).slices!.length, key).toBeGreaterThan(1);
      const raw = r.getRaw(key);
      expect(raw.dtype).toBe(dtype);
      expect(raw.shape).toEqual(shape);
      expect(Array.from(raw.values as ArrayLike<number | bigint>, Number)).toEqual(Array.from({ length: raw.values.length }, (_, i) => i));
    }
  });

  it('a corrupted slice is a CRC mismatch naming the slice', () => {
    const copy = join(dir, 'sliced');
    for (const f of readdirSync(dirname(prefix))) writeFileSync(join(dir, f.replace('ckpt', 'sliced')), readFileSync(join(dirname(prefix), f)));
    const r = BundleReader.open(copy);
    const shard = `${copy}.data-${String(15).padStart(5, '0')}-of-00016`;
    const bytes = readFileSync(shard);
    bytes[0]! ^= 1;
    writeFileSync(shard, bytes);
    const bad = r.names().filter((n) => {
      try {
        r.getRaw(n);
        return false;
      } catch (e) {
        expect(e).toBeInstanceOf(FileFormatError);
        expect(String(e)).toMatch(/CRC mismatch for tensor/);
        return true;
      }
    });
    expect(bad.length).toBe(1);
  });
});

describe('corrupted bundles give typed errors naming the file and the problem', () => {
  const fresh = async (name: string, numShards = 1) => {
    const prefix = join(dir, name);
    const inputs = Array.from({ length: 4 }, (_, i) => ({
      name: `w${i}`,
      value: { dtype: 'float32' as const, shape: [64], values: Float32Array.from({ length: 64 }, (_, j) => i + j / 64) },
    }));
    await writeBundle(prefix, inputs, numShards > 1 ? { maxShardSize: 600 } : {});
    return prefix;
  };

  it('no index: NotFoundError', () => {
    expect(() => BundleReader.open(join(dir, 'nothing'))).toThrow(NotFoundError);
  });

  it('truncated index', async () => {
    const p = await fresh('trunc-index');
    truncateSync(`${p}.index`, statSync(`${p}.index`).size - 10);
    expect(() => BundleReader.open(p)).toThrow(FileFormatError);
    expect(() => BundleReader.open(p)).toThrow(/trunc-index\.index: .*(magic|truncated)/);
  });

  it('bit flip in the index', async () => {
    const p = await fresh('flip-index');
    const bytes = readFileSync(`${p}.index`);
    bytes[20]! ^= 0x04;
    writeFileSync(`${p}.index`, bytes);
    expect(() => BundleReader.open(p)).toThrow(/flip-index\.index: CRC mismatch/);
  });

  it('bit flip in a data shard', async () => {
    const p = await fresh('flip-data');
    const bytes = readFileSync(`${p}.data-00000-of-00001`);
    bytes[300]! ^= 0x80;
    writeFileSync(`${p}.data-00000-of-00001`, bytes);
    const r = BundleReader.open(p);
    expect(r.getRaw('w0').values).toHaveLength(64);
    expect(() => r.getRaw('w1')).toThrow(FileFormatError);
    expect(() => r.getRaw('w1')).toThrow(/flip-data\.data-00000-of-00001: CRC mismatch for tensor "w1"/);
  });

  it('truncated data shard', async () => {
    const p = await fresh('trunc-data');
    truncateSync(`${p}.data-00000-of-00001`, 700);
    expect(() => BundleReader.open(p)).toThrow(/tensor "w2": bytes 512\.\.768 lie past the end of .*trunc-data\.data-00000-of-00001 \(700 bytes\)/);
  });

  it('missing shard', async () => {
    const p = await fresh('missing', 2);
    rmSync(`${p}.data-00001-of-00002`);
    expect(() => BundleReader.open(p)).toThrow(/missing\.index: missing shard 1 of 2/);
  });

  it('wrong shard: a shard of another checkpoint', async () => {
    const p = await fresh('wrong', 2);
    const other = join(dir, 'other');
    await writeBundle(other, Array.from({ length: 4 }, (_, i) => ({ name: `w${i}`, value: { dtype: 'float32' as const, shape: [64], values: new Float32Array(64).fill(i) } })), {
      maxShardSize: 600,
    });
    renameSync(`${other}.data-00001-of-00002`, `${p}.data-00001-of-00002`);
    const r = BundleReader.open(p);
    expect(() => r.getRaw('w3')).toThrow(/wrong\.data-00001-of-00002: CRC mismatch/);
    expect(r.getRaw('w0').values).toHaveLength(64);
  });

  it('entries whose sizes do not match their shape are refused before any allocation', async () => {
    const p = join(dir, 'lying');
    const enc = (n: string) => utf8.encode(n);
    const header = encodeHeader({ num_shards: 1, version: { producer: 1 } });
    writeFileSync(`${p}.data-00000-of-00001`, new Uint8Array(16));
    const entry = (over: Partial<Parameters<typeof encodeEntry>[0]>) =>
      encodeEntry({ dtype: 1, shape: { dim: [{ size: 4 }] }, shard_id: 0, offset: 0, size: 16, crc32c: 0, ...over });
    const write = (value: Uint8Array) => writeFileSync(`${p}.index`, buildTable([[new Uint8Array(0), header], [enc('x'), value]]));
    write(entry({ shape: { dim: [{ size: 1e12 }] } }));
    expect(() => BundleReader.open(p)).toThrow(/needs 4000000000000 bytes, but the entry says 16/);
    write(entry({ dtype: 7, size: 2 ** 40 }));
    expect(() => BundleReader.open(p)).toThrow(/lie past the end/);
    write(entry({ shard_id: 3 }));
    expect(() => BundleReader.open(p)).toThrow(/lives in shard 3, but the bundle has 1/);
    write(entry({ dtype: 8 }));
    expect(() => BundleReader.open(p)).toThrow(/dtype complex64, which keras-ts cannot read/);
    write(entry({}));
    expect(() => BundleReader.open(p).getRaw('x')).toThrow(/CRC mismatch for tensor "x"/);
  });
});
