import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { Dataset, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, AUTOTUNE, disposeElement } from './index.js';
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

describe('repeat, take, skip, shard, enumerate', () => {
  it('repeat without a count is infinite; take bounds it', async () => {
    const ds = Dataset.range(3).repeat();
    expect(ds.cardinality()).toBe(INFINITE_CARDINALITY);
    expect(await values(ds.take(7))).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(ds.take(7).cardinality()).toBe(7);
    expect(Dataset.range(3).repeat(2).cardinality()).toBe(6);
    expect(await values(Dataset.range(3).repeat(2))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Dataset.range(0).repeat().cardinality()).toBe(0);
    expect(await values(Dataset.range(0).repeat())).toEqual([]);
    expect(Dataset.fromGenerator(function* () { yield 1; }).repeat().cardinality()).toBe(INFINITE_CARDINALITY);
  });

  it('take and skip', async () => {
    expect(await values(Dataset.range(5).skip(2))).toEqual([2, 3, 4]);
    expect(Dataset.range(5).skip(7).cardinality()).toBe(0);
    expect(Dataset.range(5).skip(-1).cardinality()).toBe(0);
    expect(await values(Dataset.range(5).take(-1))).toEqual([0, 1, 2, 3, 4]);
    expect(Dataset.range(5).take(9).cardinality()).toBe(5);
    expect(await values(Dataset.range(5).take(0))).toEqual([]);
  });

  it('shard picks every n-th element', async () => {
    expect(await values(Dataset.range(10).shard(3, 1))).toEqual([1, 4, 7]);
    expect(Dataset.range(10).shard(3, 0).cardinality()).toBe(4);
    expect(Dataset.range(10).shard(3, 2).cardinality()).toBe(3);
    expect(() => Dataset.range(10).shard(3, 3)).toThrow(/index must be in \[0, 3\)/);
  });

  it('enumerate pairs with indices', async () => {
    expect(await values(Dataset.range(10, 13).enumerate(5))).toEqual([[5, 10], [6, 11], [7, 12]]);
  });
});

describe('shuffle', () => {
  it('is a permutation, reproducible with a seed, reshuffled per iteration', async () => {
    const ds = Dataset.range(50).shuffle(50, { seed: 7 });
    const a = (await values(ds)) as number[];
    const b = (await values(ds)) as number[];
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect(a).not.toEqual([...Array(50).keys()]);
    expect(b).not.toEqual(a); // reshuffleEachIteration defaults to true
    const again = Dataset.range(50).shuffle(50, { seed: 7 });
    expect(await values(again)).toEqual(a);
    expect(await values(again)).toEqual(b);
    const fixed = Dataset.range(50).shuffle(50, { seed: 7, reshuffleEachIteration: false });
    expect(await values(fixed)).toEqual(await values(fixed));
  });

  it('with repeat, each epoch is a full permutation in a different order', async () => {
    const v = (await values(Dataset.range(10).shuffle(10, { seed: 1 }).repeat(2))) as number[];
    expect([...v.slice(0, 10)].sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    expect([...v.slice(10)].sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    expect(v.slice(0, 10)).not.toEqual(v.slice(10));
  });

  it('a buffer of 1 keeps the order; a small buffer only moves elements forward by its size', async () => {
    expect(await values(Dataset.range(6).shuffle(1, { seed: 3 }))).toEqual([0, 1, 2, 3, 4, 5]);
    const v = (await values(Dataset.range(100).shuffle(3, { seed: 3 }))) as number[];
    // with a buffer of 3, output i is one of the inputs 0..i+2
    v.forEach((x, i) => expect(x).toBeLessThanOrEqual(i + 2));
  });

  it('frees its buffer when the consumer stops early', async () => {
    expect(await values(Dataset.range(100).shuffle(20, { seed: 1 }).take(3))).toHaveLength(3);
  });
});

describe('map and filter', () => {
  it('map runs sync functions in tidy and frees unreturned inputs', async () => {
    const ds = Dataset.range(4).map((x) => tf.add(tf.mul(x as tf.Tensor, 2), 1));
    expect(ds.cardinality()).toBe(4);
    expect(await values(ds)).toEqual([1, 3, 5, 7]);
    const tup = Dataset.zip([Dataset.range(3), Dataset.range(3)]).map(([a, b]: any) => ({ a, s: tf.add(a, b) }));
    expect(await values(tup)).toEqual([{ a: 0, s: 0 }, { a: 1, s: 2 }, { a: 2, s: 4 }]);
  });

  it('map with numParallelCalls keeps the input order', async () => {
    const delays = [30, 1, 20, 5, 1, 10];
    const ds = Dataset.range(6).map(
      async (x) => {
        const i = (x as tf.Tensor).dataSync()[0]!;
        await new Promise((r) => setTimeout(r, delays[i]));
        return x;
      },
      { numParallelCalls: AUTOTUNE },
    );
    expect(await values(ds)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('map with parallel calls really overlaps async work', async () => {
    const fn = async (x: unknown) => {
      await new Promise((r) => setTimeout(r, 40));
      return x;
    };
    const t0 = Date.now();
    await values(Dataset.range(8).map(fn, { numParallelCalls: 8 }));
    const parallel = Date.now() - t0;
    expect(parallel).toBeLessThan(8 * 40);
  });

  it('filter keeps matching elements (boolean or bool tensor)', async () => {
    const ds = Dataset.range(10).filter((x) => tf.equal(tf.mod(x as tf.Tensor, 3), 0));
    expect(ds.cardinality()).toBe(UNKNOWN_CARDINALITY);
    expect(await values(ds)).toEqual([0, 3, 6, 9]);
    expect(await values(Dataset.range(5).filter((x) => (x as tf.Tensor).dataSync()[0]! > 2))).toEqual([3, 4]);
  });

  it('errors in map free the element and reach the consumer', async () => {
    const ds = Dataset.range(3).map(() => {
      throw new Error('boom');
    });
    await expect(values(ds)).rejects.toThrow('boom');
  });
});

describe('prefetch and cache', () => {
  it('prefetch keeps the order and runs ahead of the consumer', async () => {
    let produced = 0;
    const ds = Dataset.fromGenerator(async function* () {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield i;
      }
    }).prefetch(3);
    const it = ds[Symbol.asyncIterator]();
    const first = await it.next();
    disposeElement(first.value);
    await new Promise((r) => setTimeout(r, 10));
    expect(produced).toBeGreaterThanOrEqual(3);
    expect(produced).toBeLessThanOrEqual(5);
    await it.return!();
    expect(await values(ds)).toEqual([...Array(10).keys()]);
  });

  it('cache() replays the first full pass from memory', async () => {
    let runs = 0;
    const ds = Dataset.fromGenerator(function* () {
      runs++;
      for (let i = 0; i < 4; i++) yield i;
    }).cache();
    await values(ds.take(2)); // a partial pass records nothing
    expect(await values(ds)).toEqual([0, 1, 2, 3]);
    expect(await values(ds)).toEqual([0, 1, 2, 3]);
    expect(runs).toBe(2);
    ds.dispose();
  });

  it('cache(filename) writes the file after a full pass and replays it, even in a new pipeline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-cache-'));
    try {
      const file = join(dir, 'c.cache');
      let runs = 0;
      const make = () =>
        Dataset.fromGenerator(function* () {
          runs++;
          for (let i = 0; i < 3; i++) yield { x: [i, i + 0.5], s: `s${i}` };
        }).cache(file);
      const ds = make();
      await values(ds.take(1));
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
      const expected = [0, 1, 2].map((i) => ({ x: [i, i + 0.5], s: `s${i}` }));
      expect(await values(ds)).toEqual(expected);
      expect(existsSync(file)).toBe(true);
      expect(await values(make())).toEqual(expected);
      expect(runs).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cache file errors', () => {
  it('a file that is not a cache is a FileFormatError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-cache-'));
    try {
      const file = join(dir, 'bad.cache');
      writeFileSync(file, 'not a cache');
      await expect(values(Dataset.range(3).cache(file))).rejects.toThrow(/bad\.cache: not a keras-ts dataset cache file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('window and flatMap', () => {
  it('window groups elements into datasets (shift, stride, dropRemainder)', async () => {
    const windows = async (ds: Dataset<Dataset>) => {
      const out: unknown[] = [];
      for await (const w of ds) {
        out.push(await values(w));
        w.dispose();
      }
      return out;
    };
    expect(await windows(Dataset.range(7).window(3))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(Dataset.range(7).window(3).cardinality()).toBe(3);
    expect(await windows(Dataset.range(7).window(3, { dropRemainder: true }))).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(await windows(Dataset.range(7).window(3, { shift: 1, dropRemainder: true }))).toEqual([
      [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6],
    ]);
    expect(Dataset.range(7).window(3, { shift: 1, dropRemainder: true }).cardinality()).toBe(5);
    expect(await windows(Dataset.range(7).window(3, { shift: 1 }))).toEqual([
      [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6], [6],
    ]);
    expect(await windows(Dataset.range(7).window(2, { shift: 3, stride: 2 }))).toEqual([[0, 2], [3, 5], [6]]);
    expect(await windows(Dataset.range(10).window(2, { shift: 5 }))).toEqual([[0, 1], [5, 6]]);
  });

  it('flatMap over windows batches them (the tf.data idiom)', async () => {
    const ds = Dataset.range(6).window(3, { shift: 2, dropRemainder: true }).flatMap((w) => w.batch(3));
    expect(await values(ds)).toEqual([[0, 1, 2], [2, 3, 4]]);
  });
});

describe('interleave', () => {
  it('matches the tf.data documentation example (cycleLength 2, blockLength 4)', async () => {
    const ds = Dataset.range(1, 6).interleave((x) => Dataset.fromTensors(x).repeat(6), { cycleLength: 2, blockLength: 4 });
    expect(await values(ds)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5]);
  });

  it('frees open inputs when stopped early', async () => {
    const ds = Dataset.range(1, 6).interleave((x) => Dataset.fromTensors(x).repeat(3), { cycleLength: 3 });
    expect(await values(ds.take(4))).toEqual([1, 2, 3, 1]);
  });
});

describe('iteration contract', () => {
  it('satisfies the trainer contract: asyncIterator, cardinality, [x, y] elements', async () => {
    const x = tf.randomNormal([10, 3]);
    const y = tf.randomNormal([10, 1]);
    const ds = Dataset.fromTensorSlices([x, y]).batch(4);
    expect(typeof ds[Symbol.asyncIterator]).toBe('function');
    expect(ds.cardinality()).toBe(3);
    const shapes: number[][] = [];
    for await (const el of ds) {
      const [bx, by] = el as tf.Tensor[];
      shapes.push([...bx!.shape, ...by!.shape]);
      disposeElement(el);
    }
    expect(shapes).toEqual([[4, 3, 4, 1], [4, 3, 4, 1], [2, 3, 2, 1]]);
    tf.dispose([x, y]);
  });

  it('breaking out of for-await frees what upstream buffered', async () => {
    const ds = Dataset.range(100).shuffle(10, { seed: 1 }).batch(4).prefetch(3);
    for await (const el of ds) {
      disposeElement(el);
      break;
    }
  });
});
