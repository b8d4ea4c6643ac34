/**
 * TFRecord + tf.train.Example both ways with real TensorFlow: files TensorFlow wrote (committed in test-data/,
 * made by test-data/tf_examples.py) read here with equal values; and, live when the Python oracle has
 * TensorFlow, fresh TF-written files read here and our TFRecordWriter's files parsed by
 * tf.data.TFRecordDataset + tf.io.parse_single_example with equal values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { FixedLenFeature, VarLenFeature, parseSingleExample, serializeExample, TFRecordDataset, TFRecordWriter, disposeElement } from '../index.js';
import type { FeatureSpec, FeatureValue, SparseTensorValue } from '../index.js';
import { packageDir, pythonWith } from '../testing/python.js';

type Row = Record<string, (number | string)[]>;
const testData = join(packageDir, 'test-data');
const script = join(testData, 'tf_examples.py');
const expected = JSON.parse(readFileSync(join(testData, 'tf_examples.json'), 'utf8')) as { examples: Row[] };

const spec: Record<string, FeatureSpec> = {
  dense_float: new FixedLenFeature([3], 'float32'),
  dense_int: new FixedLenFeature([3], 'int64'),
  dense_bytes: new FixedLenFeature([2], 'string'),
  var_float: new VarLenFeature('float32'),
  var_int: new VarLenFeature('int64'),
  var_bytes: new VarLenFeature('string'),
  label: new FixedLenFeature([], 'int64'),
};
const specJson = JSON.stringify(
  Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, s instanceof FixedLenFeature ? { kind: 'fixed', shape: s.shape, dtype: s.dtype } : { kind: 'var', dtype: s.dtype }])),
);

/** Expected values as float32 would store them. */
function normalized(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k.endsWith('float') ? v.map((x) => Math.fround(x as number)) : v])));
}

function rowOf(parsed: Record<string, tf.Tensor | SparseTensorValue>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(parsed)) {
    const t = v instanceof tf.Tensor ? v : v.values;
    if (t.dtype === 'string') row[k] = (tf.engine().readSync(t.dataId) as Uint8Array[]).map((b) => Buffer.from(b).toString('base64'));
    else row[k] = Array.from(t.dataSync());
  }
  return row;
}

async function readWithKerasTs(file: string, compressionType: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const el of new TFRecordDataset(file, { compressionType }).map((r) => parseSingleExample(r, spec))) {
    rows.push(rowOf(el));
    disposeElement(el);
  }
  return rows;
}

const files: [string, string][] = [
  ['tf_examples.tfrecord', ''],
  ['tf_examples.tfrecord.gz', 'GZIP'],
  ['tf_examples.zlib', 'ZLIB'],
];

beforeAll(async () => {
  await tf.ready();
});

describe('files written by TensorFlow (committed)', () => {
  it.each(files)('%s reads with equal values', async (name, comp) => {
    const before = tf.memory().numTensors;
    expect(await readWithKerasTs(join(testData, name), comp)).toEqual(normalized(expected.examples));
    expect(tf.memory().numTensors).toBe(before);
  });
});

const { python, why } = pythonWith(['tensorflow']);
if (!python) console.log(`skipping live TensorFlow TFRecord checks: ${why}`);

describe.skipIf(!python)('live with TensorFlow', () => {
  let dir = '';
  let tfParsedOurs: Row[][] = [];
  const ours: [string, string][] = [
    ['ours.tfrecord', ''],
    ['ours.tfrecord.gz', 'GZIP'],
    ['ours.zlib', 'ZLIB'],
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kts-tf-interop-'));
    for (const [name, comp] of ours) {
      const w = new TFRecordWriter(join(dir, name), { compressionType: comp });
      for (const ex of expected.examples) {
        const features: Record<string, FeatureValue> = {};
        for (const [k, v] of Object.entries(ex)) {
          if (k.endsWith('float')) features[k] = { floatList: v as number[] };
          else if (k.endsWith('bytes')) features[k] = { bytesList: (v as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
          else features[k] = { int64List: v as number[] };
        }
        await w.write(serializeExample(features));
      }
      await w.close();
    }
    const args = ['--write', dir, '--spec', specJson, ...ours.map(([n, c]) => `--read=${join(dir, n)}:${c}`)];
    tfParsedOurs = JSON.parse(await python!.runScript(script, args)) as Row[][];
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(ours.map(([n, c], i) => [n, c, i] as const))('TensorFlow parses our %s with equal values', (_n, _c, i) => {
    expect(tfParsedOurs[i]).toEqual(normalized(expected.examples));
  });

  it.each(files)('fresh TensorFlow-written %s reads with equal values', async (name, comp) => {
    const fresh = JSON.parse(readFileSync(join(dir, 'tf_examples.json'), 'utf8')) as { examples: Row[] };
    expect(fresh.examples).toEqual(expected.examples);
    expect(await readWithKerasTs(join(dir, name), comp)).toEqual(normalized(fresh.examples));
  });
});
