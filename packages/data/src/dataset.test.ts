import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Dataset, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, TensorSpec } from './index.js';
import { values } from './testing/helpers.js';

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

describe('sources', () => {
  it('fromTensorSlices slices a tensor along its first dimension', async () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ds = Dataset.fromTensorSlices(x);
    expect(ds.cardinality()).toBe(3);
    expect(String(ds.elementSpec)).toBe('TensorSpec(shape=[2], dtype=float32)');
    expect(await values(ds)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(await values(ds)).toEqual([[1, 2], [3, 4], [5, 6]]); // iterable again
    x.dispose();
  });

  it('fromTensorSlices takes tuples and dicts, and owns tensors it made from arrays', async () => {
    const x = tf.tensor2d([[1], [2]]);
    const ds = Dataset.fromTensorSlices([x, new Int32Array([7, 8])]);
    expect(await values(ds)).toEqual([[[1], 7], [[2], 8]]);
    const spec = ds.elementSpec as TensorSpec[];
    expect(spec.map(String)).toEqual(['TensorSpec(shape=[1], dtype=float32)', 'TensorSpec(shape=[], dtype=int32)']);
    ds.dispose();
    const d = Dataset.fromTensorSlices({ a: [1, 2, 3], b: { c: ['x', 'y', 'z'] } });
    expect(await values(d)).toEqual([{ a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'y' } }, { a: 3, b: { c: 'z' } }]);
    d.dispose();
    x.dispose();
  });

  it('fromTensorSlices rejects components of different lengths and scalars', () => {
    const a = tf.zeros([3]);
    const b = tf.zeros([4]);
    expect(() => Dataset.fromTensorSlices([a, b])).toThrow(/same size in their first dimension.*\[1\] has 4 and the first has 3/);
    const s = tf.scalar(1);
    expect(() => Dataset.fromTensorSlices(s)).toThrow(ValueError);
    tf.dispose([a, b, s]);
  });

  it('fromGenerator takes sync and async generators and checks the outputSignature', async () => {
    const sync = Dataset.fromGenerator(function* () {
      yield [1, [1, 2]];
      yield [2, [3, 4]];
    });
    expect(sync.cardinality()).toBe(UNKNOWN_CARDINALITY);
    expect(await values(sync)).toEqual([[1, [1, 2]], [2, [3, 4]]]);
    const asyncDs = Dataset.fromGenerator(
      async function* () {
        for (let i = 0; i < 3; i++) {
          await new Promise((r) => setTimeout(r, 1));
          yield { x: i };
        }
      },
      { outputSignature: { x: new TensorSpec([], 'int32') } },
    );
    expect(await values(asyncDs)).toEqual([{ x: 0 }, { x: 1 }, { x: 2 }]);
    const bad = Dataset.fromGenerator(function* () {
      yield [1, 2, 3];
    }, { outputSignature: new TensorSpec([2], 'float32') });
    await expect(values(bad)).rejects.toThrow(/yielded a float32 tensor of shape \[3\].*TensorSpec\(shape=\[2\]/);
  });

  it('range follows Python range semantics', async () => {
    expect(await values(Dataset.range(4))).toEqual([0, 1, 2, 3]);
    expect(await values(Dataset.range(2, 8, 3))).toEqual([2, 5]);
    expect(await values(Dataset.range(5, 1, -2))).toEqual([5, 3]);
    expect(Dataset.range(5, 1, -2).cardinality()).toBe(2);
    expect(Dataset.range(3, 3).cardinality()).toBe(0);
  });

  it('zip stops at the shortest and builds tuples or dicts', async () => {
    const z = Dataset.zip([Dataset.range(3), Dataset.range(10, 20)]);
    expect(z.cardinality()).toBe(3);
    expect(await values(z)).toEqual([[0, 10], [1, 11], [2, 12]]);
    const d = Dataset.zip({ a: Dataset.range(2), b: Dataset.range(5).repeat() });
    expect(d.cardinality()).toBe(2);
    expect(await values(d)).toEqual([{ a: 0, b: 0 }, { a: 1, b: 1 }]);
    expect(Dataset.zip([Dataset.range(2).repeat(), Dataset.range(2).repeat()]).cardinality()).toBe(INFINITE_CARDINALITY);
  });

  it('concatenate appends and merges specs', async () => {
    const c = Dataset.range(2).concatenate(Dataset.range(5, 7));
    expect(c.cardinality()).toBe(4);
    expect(await values(c)).toEqual([0, 1, 5, 6]);
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    const cc = Dataset.fromTensorSlices(a).concatenate(Dataset.fromTensorSlices(b));
    expect(String(cc.elementSpec)).toBe('TensorSpec(shape=[null], dtype=float32)');
    tf.dispose([a, b]);
  });
});

describe('batching', () => {
  it('batch keeps the remainder unless dropRemainder', async () => {
    const ds = Dataset.range(7).batch(3);
    expect(ds.cardinality()).toBe(3);
    expect(await values(ds)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    const dropped = Dataset.range(7).batch(3, { dropRemainder: true });
    expect(dropped.cardinality()).toBe(2);
    expect(String(dropped.elementSpec)).toBe('TensorSpec(shape=[3], dtype=int32)');
    expect(String(Dataset.range(7).batch(3).elementSpec)).toBe('TensorSpec(shape=[null], dtype=int32)');
    expect(await values(dropped)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(Dataset.range(2).repeat().batch(4).cardinality()).toBe(INFINITE_CARDINALITY);
  });

  it('fromTensorSlices(...).batch (sliced whole) equals the element-wise batch', async () => {
    const x = tf.tensor2d([...Array(14).keys()], [7, 2]);
    const src = Dataset.fromTensorSlices({ x, s: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    for (const dropRemainder of [false, true]) {
      const fast = await values(src.batch(3, { dropRemainder }));
      const slow = await values(src.take(-1).batch(3, { dropRemainder }));
      expect(fast).toEqual(slow);
      expect(fast).toHaveLength(dropRemainder ? 2 : 3);
    }
    src.dispose();
    x.dispose();
  });

  it('batch stacks tuples and dicts, strings too', async () => {
    const ds = Dataset.fromTensorSlices({ x: [[1, 2], [3, 4], [5, 6]], s: ['a', 'b', 'c'] }).batch(2);
    expect(await values(ds)).toEqual([{ x: [[1, 2], [3, 4]], s: ['a', 'b'] }, { x: [[5, 6]], s: ['c'] }]);
    ds.dispose();
  });

  it('batch of elements with different shapes is a clear error', async () => {
    const ds = Dataset.fromGenerator(function* () {
      yield [1, 2];
      yield [1, 2, 3];
    }).batch(2);
    await expect(values(ds)).rejects.toThrow(/different shapes.*\[2\].*\[3\].*paddedBatch/);
  });

  it('unbatch undoes batch', async () => {
    const ds = Dataset.range(5).batch(2).unbatch();
    expect(ds.cardinality()).toBe(UNKNOWN_CARDINALITY);
    expect(await values(ds)).toEqual([0, 1, 2, 3, 4]);
    const early = Dataset.range(6).batch(3).unbatch().take(2);
    expect(await values(early)).toEqual([0, 1]);
  });

  it('paddedBatch pads to the batch maximum or to paddedShapes', async () => {
    const gen = Dataset.fromGenerator(function* () {
      yield [1];
      yield [2, 2];
      yield [3, 3, 3];
    });
    expect(await values(gen.paddedBatch(2))).toEqual([[[1, 0], [2, 2]], [[3, 3, 3]]]);
    expect(await values(gen.paddedBatch(3, { paddedShapes: [4], paddingValues: -1 }))).toEqual([
      [[1, -1, -1, -1], [2, 2, -1, -1], [3, 3, 3, -1]],
    ]);
    await expect(values(gen.paddedBatch(3, { paddedShapes: [2] }))).rejects.toThrow(/size 3 in dimension 0, larger than its padded shape 2/);
  });
});
