import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { FixedLenFeature, VarLenFeature, parseExample, parseSingleExample, serializeExample, disposeElement, Dataset } from '../index.js';
import { EXAMPLE_PROTO } from './proto.js';
import { plain } from '../testing/helpers.js';

let start = 0;
beforeAll(async () => {
  await tf.ready();
});
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

const ex1 = serializeExample({
  f: { floatList: [1.5, -2, 3] },
  i: { int64List: [7, -8] },
  s: { bytesList: ['hello', new Uint8Array([0, 1, 2])] },
  v: { int64List: [1, 2, 3] },
});
const ex2 = serializeExample({
  f: { floatList: [0, 0.25, 1] },
  i: { int64List: [2147483647, -2147483648] },
  s: { bytesList: ['a', 'b'] },
  v: { int64List: [] },
});

describe('parseSingleExample', () => {
  it('parses every feature kind to dense and sparse tensors', () => {
    const out = parseSingleExample(ex1, {
      f: new FixedLenFeature([3], 'float32'),
      i: new FixedLenFeature([2, 1], 'int64'),
      s: new VarLenFeature('string'),
      v: new VarLenFeature('int64'),
      missing: new FixedLenFeature([2], 'float32', 9),
    });
    expect(plain(out)).toEqual({
      f: [1.5, -2, 3],
      i: [[7], [-8]],
      s: { indices: [[0], [1]], values: ['hello', '\u0000\u0001\u0002'], denseShape: [2] },
      v: { indices: [[0], [1], [2]], values: [1, 2, 3], denseShape: [3] },
      missing: [9, 9],
    });
    expect((out.i as tf.Tensor).dtype).toBe('int32');
    disposeElement(out);
  });

  it('gives TensorFlow-style errors for missing features, wrong kinds and wrong counts', () => {
    expect(() => parseSingleExample(ex1, { nope: new FixedLenFeature([], 'float32') })).toThrow('Feature: nope (data type: float) is required but could not be found.');
    expect(() => parseSingleExample(ex1, { f: new FixedLenFeature([3], 'int64') })).toThrow("Key: f. Data types don't match. Data type: float but expected type: int64.");
    expect(() => parseSingleExample(ex1, { f: new FixedLenFeature([2], 'float32') })).toThrow(/Key: f\. .*Values size: 3 but output shape: \[2\]/);
    expect(() => parseSingleExample(new Uint8Array([0xff, 0xff, 0xff]), { f: new FixedLenFeature([3], 'float32') })).toThrow(/Could not parse a serialized tf.train.Example/);
    expect(() => new FixedLenFeature([2], 'float64' as never)).toThrow(ValueError);
    const big = serializeExample({ x: { int64List: [2n ** 40n] } });
    expect(() => parseSingleExample(big, { x: new FixedLenFeature([1], 'int64') })).toThrow(/int64 value 1099511627776 does not fit in int32/);
  });

  it('works in a pipeline on scalar string tensors, freeing the records', async () => {
    const records = tf.tensor([ex1, ex2], [2], 'string');
    const ds = Dataset.fromTensorSlices(records).map((r) => parseSingleExample(r as tf.Tensor, { f: new FixedLenFeature([3], 'float32') })).batch(2);
    const out: unknown[] = [];
    for await (const el of ds) {
      out.push(plain(el));
      disposeElement(el);
    }
    expect(out).toEqual([{ f: [[1.5, -2, 3], [0, 0.25, 1]] }]);
    records.dispose();
  });
});

describe('parseExample', () => {
  it('parses a batch; VarLen gives 2-D sparse indices', () => {
    const out = parseExample([ex1, ex2], {
      i: new FixedLenFeature([2], 'int64'),
      v: new VarLenFeature('int64'),
      s: new FixedLenFeature([2], 'string'),
    });
    expect(plain(out)).toEqual({
      i: [[7, -8], [2147483647, -2147483648]],
      v: { indices: [[0, 0], [0, 1], [0, 2]], values: [1, 2, 3], denseShape: [2, 3] },
      s: [['hello', '\u0000\u0001\u0002'], ['a', 'b']],
    });
    disposeElement(out);
  });
});

describe('the .proto definition', () => {
  it('inlined text equals example.proto', () => {
    expect(EXAMPLE_PROTO).toBe(readFileSync(new URL('./example.proto', import.meta.url), 'utf8'));
  });
});
