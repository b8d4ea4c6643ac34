import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@keras-ts/tensor';
import { experimental, TextLineDataset, INFINITE_CARDINALITY, TensorSpec } from '../index.js';
import { values } from '../testing/helpers.js';
import { splitCsvLine } from './csv-line.js';
import { readLines } from '../io/line-reader.js';

let dir = '';
let start = 0;
beforeAll(async () => {
  await tf.ready();
  dir = mkdtempSync(join(tmpdir(), 'kts-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

function file(name: string, text: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('TextLineDataset', () => {
  it('yields lines without endings, across files, last line without newline included', async () => {
    const a = file('a.txt', 'one\r\ntwo\n\nfour\n');
    const b = file('b.txt', 'x\ny');
    expect(await values(new TextLineDataset([a, b]))).toEqual(['one', 'two', '', 'four', 'x', 'y']);
  });

  it('reads GZIP files and unicode', async () => {
    const g = file('c.txt.gz', gzipSync('héllo\nwörld\n'));
    expect(await values(new TextLineDataset(g, { compressionType: 'GZIP' }))).toEqual(['héllo', 'wörld']);
  });

  it('lines longer than the read buffer, and bounded buffering', async () => {
    const long = 'z'.repeat(10_000);
    const f = file('long.txt', `${long}\nshort\n`.repeat(50));
    expect(await values(new TextLineDataset(f, { bufferSize: 1024 }).take(3))).toEqual([long, 'short', long]);
    let max = -1;
    let n = 0;
    for await (const _ of readLines(f, { compression: '', bufferSize: 1024, onDone: (m) => (max = m) })) n++;
    expect(n).toBe(100);
    expect(max).toBeLessThanOrEqual(10_000 + 1024 + 1);
  });

  it('a missing file is a FileFormatError naming it', async () => {
    await expect(values(new TextLineDataset(join(dir, 'missing.txt')))).rejects.toThrow(/missing\.txt: cannot read/);
  });
});

describe('splitCsvLine', () => {
  it('handles quotes and escaped quotes', () => {
    expect(splitCsvLine('a,"b,c",d', ',', true)).toEqual(['a', 'b,c', 'd']);
    expect(splitCsvLine('"he said ""hi""",2', ',', true)).toEqual(['he said "hi"', '2']);
    expect(splitCsvLine('"x",', ',', true)).toEqual(['x', '']);
    expect(splitCsvLine('a,"b', ',', true)).toBe('unterminated quoted field');
    expect(splitCsvLine('a,"b",c', ',', false)).toEqual(['a', '"b"', 'c']);
    expect(splitCsvLine('1|2', '|', true)).toEqual(['1', '2']);
  });
});

describe('makeCsvDataset', () => {
  const csv = 'age,fare,name,survived\n22,7.25,"Braund, Mr. Owen",0\n38,71.28,Cumings,1\n26,7.92,Heikkinen,1\n35,,Futrelle,1\n';

  it('reads header, infers types, splits the label, batches; repeats forever by default', async () => {
    const f = file('t.csv', csv);
    const ds = experimental.makeCsvDataset(f, 2, { labelName: 'survived', shuffle: false });
    expect(ds.cardinality()).toBe(INFINITE_CARDINALITY);
    const [feat, label] = ds.elementSpec as [Record<string, TensorSpec>, TensorSpec];
    expect(Object.fromEntries(Object.entries(feat).map(([k, s]) => [k, s.dtype]))).toEqual({ age: 'int32', fare: 'float32', name: 'string' });
    expect(label.dtype).toBe('int32');
    const got = await values(ds.take(3));
    expect(got[0]).toEqual([{ age: [22, 38], fare: [7.25, Math.fround(71.28)], name: ['Braund, Mr. Owen', 'Cumings'] }, [0, 1]]);
    expect(got[1]).toEqual([{ age: [26, 35], fare: [Math.fround(7.92), 0], name: ['Heikkinen', 'Futrelle'] }, [1, 1]]);
    expect(got[2]).toEqual(got[0]); // second epoch
  });

  it('numEpochs, final partial batch, columnTypes, selectColumns, defaults', async () => {
    const f = file('t2.csv', csv);
    const ds = experimental.makeCsvDataset(f, 3, {
      numEpochs: 1,
      shuffle: false,
      selectColumns: ['fare', 'survived'],
      columnTypes: ['float32', 'float32', 'string', 'int32'],
      columnDefaults: [null, -1, null, null],
    });
    expect(await values(ds)).toEqual([
      { fare: [7.25, Math.fround(71.28), Math.fround(7.92)], survived: [0, 1, 1] },
      { fare: [-1], survived: [1] },
    ]);
  });

  it('shuffles reproducibly with a seed', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i * 2}`).join('\n');
    const f = file('s.csv', `a,b\n${rows}\n`);
    const run = () => values(experimental.makeCsvDataset(f, 40, { numEpochs: 1, shuffleSeed: 5, shuffleBufferSize: 40 }));
    const [x] = (await run()) as { a: number[] }[];
    const [y] = (await run()) as { a: number[] }[];
    expect(x!.a).toEqual(y!.a);
    expect([...x!.a].sort((p, q) => p - q)).toEqual([...Array(40).keys()]);
    expect(x!.a).not.toEqual([...Array(40).keys()]);
  });

  it('reads several files by pattern, GZIP, and no-header files with columnNames', async () => {
    file('p1.csv', 'x,y\n1,2\n');
    file('p2.csv', 'x,y\n3,4\n');
    expect(await values(experimental.makeCsvDataset(join(dir, 'p?.csv'), 5, { numEpochs: 1, shuffle: false }))).toEqual([{ x: [1, 3], y: [2, 4] }]);
    const g = file('g.csv.gz', gzipSync('1;a\n2;b\n'));
    const ds = experimental.makeCsvDataset(g, 2, { header: false, columnNames: ['n', 's'], fieldDelim: ';', compressionType: 'GZIP', numEpochs: 1, shuffle: false, labelName: 'n' });
    expect(await values(ds)).toEqual([[{ s: ['a', 'b'] }, [1, 2]]]);
  });

  it('a UTF-8 byte order mark does not reach the first column name', async () => {
    const f = file('bom.csv', '\uFEFFa,b\n1,2\n');
    expect(await values(experimental.makeCsvDataset(f, 4, { numEpochs: 1, shuffle: false }))).toEqual([{ a: [1], b: [2] }]);
  });

  it('malformed rows give errors with file and line; ignoreErrors skips them', async () => {
    const f = file('bad.csv', 'a,b\n1,2\n3\n4,x\n5,6\n');
    const opts = { numEpochs: 1, shuffle: false, columnTypes: ['int32', 'int32'] as const };
    await expect(values(experimental.makeCsvDataset(f, 10, { ...opts }))).rejects.toThrow(/bad\.csv:3: expected 2 fields but found 1/);
    expect(await values(experimental.makeCsvDataset(f, 10, { ...opts, ignoreErrors: true }))).toEqual([{ a: [1, 5], b: [2, 6] }]);
    expect(() => experimental.makeCsvDataset(f, 10, { labelName: 'zz' })).toThrow(/labelName 'zz' is not one of/);
    expect(() => experimental.makeCsvDataset(join(dir, 'none*.csv'), 10)).toThrow(/no files match/);
  });
});
