/**
 * Dataset: tf.data's input pipeline. A dataset is a recipe; each `for await` (each `[Symbol.asyncIterator]()`
 * call) runs it afresh, which is how `repeat` and epochs work.
 *
 * Ownership rule: every element a dataset yields belongs to the consumer, who disposes its tensors once used
 * (`disposeElement(el)`, or `tf.dispose(el)`); Keras's `fit`/`evaluate`/`predict` do this. Transformations
 * dispose the input elements they consume (batch, filter, skip, shard, unbatch, map: the inputs not returned by
 * the function). Tensors passed to `fromTensorSlices` are borrowed (keep them alive while the dataset is used);
 * tensors a dataset makes for itself (from plain arrays, in caches) are freed by `dataset.dispose()`.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { INFINITE_CARDINALITY as INF, UNKNOWN_CARDINALITY as UNKNOWN, AUTOTUNE } from './cardinality.js';
import { cloneElement, disposeElement, flatten, mapStructure, TensorSpec, type Element, type ElementSpec } from './structure.js';
import { generated, rangeCount, rangeGen, sliceBatches, sliceCount, slices, sliceSpec, toTensorStructure, type GeneratorSource } from './ops/sources.js';
import { batchedSpec, batchGen, paddedBatchGen, unbatchedSpec, unbatchGen, type PaddedBatchOptions } from './ops/batching.js';
import { concatenateGen, enumerateGen, filterGen, flatMapGen, mapGen, shardGen, skipGen, takeGen, zipGen, type Predicate } from './ops/simple.js';
import { shuffleGen } from './ops/shuffle.js';
import { ahead } from './ops/ahead.js';
import { fileCacheGen, MemoryCache, memoryCacheGen } from './ops/cache.js';
import { windowGen, type WindowOptions } from './ops/window.js';
import { interleaveGen } from './ops/interleave.js';
import { SeededRandom } from './random.js';
import { breathe } from './ops/breathe.js';

export interface DatasetInit {
  cardinality: number;
  spec: ElementSpec | null;
  /** The datasets this one reads (disposed with it). */
  inputs?: readonly Dataset<unknown>[];
  /** Frees what this dataset itself owns. */
  dispose?: () => void;
  /** A faster way to batch this dataset (fromTensorSlices slices whole batches at once); same elements. */
  batched?: (batchSize: number, dropRemainder: boolean) => () => AsyncIterator<Element>;
}

export interface ShuffleOptions {
  /** Seed for a reproducible order. Without one, each iteration draws a fresh random seed. */
  seed?: number;
  /** Whether each iteration (epoch) uses a different order; default true (as in tf.data). */
  reshuffleEachIteration?: boolean;
}

export interface FromGeneratorOptions {
  /** The structure of TensorSpecs the generator yields (values are converted to these dtypes and checked). */
  outputSignature?: ElementSpec;
}

function checkCount(what: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new ValueError(`${what} must be an integer >= ${min}, but received ${n}.`);
}

export class Dataset<T = Element> implements AsyncIterable<T> {
  private disposed = false;

  constructor(
    private readonly source: () => AsyncIterator<T>,
    private readonly init: DatasetInit,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source();
  }

  /** The number of elements, or INFINITE_CARDINALITY (-1) / UNKNOWN_CARDINALITY (-2). */
  cardinality(): number {
    return this.init.cardinality;
  }

  /** The structure of TensorSpecs of the elements; null when not known statically (after map, fromGenerator without a signature). */
  get elementSpec(): ElementSpec | null {
    return this.init.spec;
  }

  /** Frees the tensors this pipeline owns (made from plain arrays, cached), here and in its inputs. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.init.dispose?.();
    for (const d of this.init.inputs ?? []) d.dispose();
  }

  private derive<R>(gen: () => AsyncIterator<R>, cardinality: number, spec: ElementSpec | null, extra: Partial<DatasetInit> = {}): Dataset<R> {
    return new Dataset<R>(gen, { cardinality, spec, inputs: [this as Dataset<unknown>], ...extra });
  }

  // ---- sources ----

  /** One element per slice along the first dimension of every component (tensors, arrays, tuples, dicts). */
  static fromTensorSlices(input: unknown): Dataset<Element> {
    const { structure, owned } = toTensorStructure(input);
    const n = sliceCount(structure);
    return new Dataset(() => slices(structure, n), {
      cardinality: n,
      spec: sliceSpec(structure),
      dispose: () => tf.dispose(owned),
      batched: (size, drop) => () => sliceBatches(structure, n, size, drop),
    });
  }

  /** A dataset of exactly one element: the given tensors. */
  static fromTensors(input: unknown): Dataset<Element> {
    const { structure, owned } = toTensorStructure(input);
    const spec = mapStructure<tf.Tensor, TensorSpec>(structure, (t) => new TensorSpec(t.shape, t.dtype)) as ElementSpec;
    async function* one(): AsyncGenerator<Element> {
      yield cloneElement(structure);
    }
    return new Dataset(one, { cardinality: 1, spec, dispose: () => tf.dispose(owned) });
  }

  /** Elements from a (sync or async) generator function, called anew for each iteration. */
  static fromGenerator(generator: GeneratorSource, options: FromGeneratorOptions = {}): Dataset<Element> {
    if (typeof generator !== 'function') throw new ValueError(`fromGenerator: expected a generator function, but received ${typeof generator}.`);
    return new Dataset(() => generated(generator, options.outputSignature), { cardinality: UNKNOWN, spec: options.outputSignature ?? null });
  }

  /** range(stop), range(start, stop) or range(start, stop, step): scalar int32 tensors (or `dtype`). */
  static range(a: number, b?: number, c?: number, options: { dtype?: tf.DataType } = {}): Dataset<tf.Tensor> {
    const [start, stop, step] = b === undefined ? [0, a, 1] : [a, b, c ?? 1];
    const dtype = options.dtype ?? 'int32';
    const n = rangeCount(start, stop, step);
    return new Dataset(() => rangeGen(start, stop, step, dtype), { cardinality: n, spec: new TensorSpec([], dtype) });
  }

  /** Elements are tuples (or dicts) of the zipped datasets' elements; stops at the shortest. */
  static zip(datasets: readonly Dataset<Element>[] | Readonly<Record<string, Dataset<Element>>>): Dataset<Element> {
    const isArr = Array.isArray(datasets);
    const keys = isArr ? [] : Object.keys(datasets);
    const list: Dataset<Element>[] = isArr ? [...(datasets as Dataset<Element>[])] : keys.map((k) => (datasets as Record<string, Dataset<Element>>)[k]!);
    if (list.length === 0) throw new ValueError('zip: expected at least one dataset.');
    for (const d of list) if (!(d instanceof Dataset)) throw new ValueError('zip: every component must be a Dataset.');
    const rebuild = (parts: Element[]): Element => (isArr ? parts : Object.fromEntries(keys.map((k, i) => [k, parts[i]!])));
    let card = INF;
    for (const d of list) {
      const n = d.cardinality();
      if (n === UNKNOWN) {
        card = UNKNOWN;
        break;
      }
      if (n !== INF) card = card === INF ? n : Math.min(card, n);
    }
    const specs = list.map((d) => d.elementSpec);
    const spec = specs.some((s) => s === null) ? null : (rebuild(specs as unknown as Element[]) as unknown as ElementSpec);
    return new Dataset(() => zipGen(list, rebuild), { cardinality: card, spec, inputs: list });
  }

  // ---- combining ----

  concatenate(other: Dataset<T>): Dataset<T> {
    const a = this.cardinality();
    const b = other.cardinality();
    const card = a === INF || b === INF ? INF : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : a + b;
    let spec: ElementSpec | null = null;
    if (this.elementSpec && other.elementSpec) {
      const theirs = flatten<TensorSpec>(other.elementSpec);
      let k = 0;
      spec = mapStructure<TensorSpec, TensorSpec>(this.elementSpec, (s) => {
        const o = theirs[k++];
        if (!o) throw new ValueError(`concatenate: the datasets have different element structures.`);
        return s.mostSpecificCompatible(o);
      }) as ElementSpec;
      if (k !== theirs.length) throw new ValueError(`concatenate: the datasets have different element structures.`);
    }
    return new Dataset<T>(() => concatenateGen(this, other), { cardinality: card, spec, inputs: [this as Dataset<unknown>, other as Dataset<unknown>] });
  }

  // ---- batching ----

  /** Stacks `batchSize` consecutive elements; the last batch is smaller unless `dropRemainder`. */
  batch(batchSize: number, options: { dropRemainder?: boolean } = {}): Dataset<Element> {
    checkCount('batch: batchSize', batchSize, 1);
    const drop = options.dropRemainder ?? false;
    const n = this.cardinality();
    const card = n < 0 ? n : drop ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    const gen = this.init.batched?.(batchSize, drop) ?? (() => batchGen(this as AsyncIterable<Element>, batchSize, drop));
    return this.derive(gen, card, batchedSpec(this.elementSpec, drop ? batchSize : null));
  }

  /** Splits each element along its first dimension into separate elements. */
  unbatch(): Dataset<Element> {
    const n = this.cardinality();
    return this.derive(() => unbatchGen(this as AsyncIterable<Element>), n === INF ? INF : n === 0 ? 0 : UNKNOWN, unbatchedSpec(this.elementSpec));
  }

  /** Like batch, padding each component to the largest shape in the batch (or to `paddedShapes`). */
  paddedBatch(batchSize: number, options: PaddedBatchOptions = {}): Dataset<Element> {
    checkCount('paddedBatch: batchSize', batchSize, 1);
    const drop = options.dropRemainder ?? false;
    const n = this.cardinality();
    const card = n < 0 ? n : drop ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    const spec = this.elementSpec && mapStructure<TensorSpec, TensorSpec>(this.elementSpec, (s) => new TensorSpec([drop ? batchSize : null, ...s.shape.map(() => null)], s.dtype));
    return this.derive(() => paddedBatchGen(this as AsyncIterable<Element>, batchSize, options), card, spec as ElementSpec | null);
  }

  // ---- order and counts ----

  /** Repeats the dataset `count` times; forever when `count` is undefined or -1. */
  repeat(count = -1): Dataset<T> {
    if (!Number.isInteger(count) || count < -1) throw new ValueError(`repeat: count must be -1 (forever) or an integer >= 0, but received ${count}.`);
    const n = this.cardinality();
    const card = count < 0 ? (n === 0 ? 0 : INF) : count === 0 ? 0 : n < 0 ? n : n * count;
    const self = this;
    async function* gen(): AsyncGenerator<T> {
      for (let i = 0; count < 0 || i < count; i++) {
        let any = false;
        for await (const el of self) {
          any = true;
          yield el;
        }
        if (!any && count < 0) return; // repeating an empty dataset forever yields nothing
      }
    }
    return this.derive(gen, card, this.elementSpec);
  }

  /** Randomly shuffles with a buffer of `bufferSize` elements (tf.data's algorithm). */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): Dataset<T> {
    checkCount('shuffle: bufferSize', bufferSize, 1);
    const reshuffle = options.reshuffleEachIteration ?? true;
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    let iteration = 0;
    const gen = () => {
      const epoch = reshuffle ? iteration++ : 0;
      const rng = options.seed === undefined && reshuffle ? new SeededRandom(Math.floor(Math.random() * 2 ** 31)) : new SeededRandom(seed, epoch);
      return shuffleGen(this, bufferSize, rng);
    };
    return this.derive(gen, this.cardinality(), this.elementSpec);
  }

  take(count: number): Dataset<T> {
    if (!Number.isInteger(count) || count < -1) throw new ValueError(`take: count must be -1 (all) or an integer >= 0, but received ${count}.`);
    const n = this.cardinality();
    const card = count < 0 ? n : n === UNKNOWN ? UNKNOWN : n === INF ? count : Math.min(n, count);
    return this.derive(() => takeGen(this, count), card, this.elementSpec);
  }

  skip(count: number): Dataset<T> {
    if (!Number.isInteger(count) || count < -1) throw new ValueError(`skip: count must be -1 (all) or an integer >= 0, but received ${count}.`);
    const n = this.cardinality();
    const card = n < 0 ? n : count < 0 ? 0 : Math.max(0, n - count);
    return this.derive(() => skipGen(this, count), card, this.elementSpec);
  }

  /** Keeps every `numShards`-th element, starting at `index`. */
  shard(numShards: number, index: number): Dataset<T> {
    checkCount('shard: numShards', numShards, 1);
    if (!Number.isInteger(index) || index < 0 || index >= numShards) throw new ValueError(`shard: index must be in [0, ${numShards}), but received ${index}.`);
    const n = this.cardinality();
    const card = n < 0 ? n : Math.floor(n / numShards) + (index < n % numShards ? 1 : 0);
    return this.derive(() => shardGen(this, numShards, index), card, this.elementSpec);
  }

  /** Pairs each element with its index: `[index, element]` (index a scalar int32 tensor). */
  enumerate(start = 0): Dataset<[tf.Tensor, T]> {
    const spec = this.elementSpec === null ? null : ([new TensorSpec([], 'int32'), this.elementSpec] as ElementSpec);
    return this.derive(() => enumerateGen(this, start), this.cardinality(), spec);
  }

  // ---- functions ----

  /**
   * Applies `fn` to each element. A synchronous `fn` runs inside `tf.tidy`; an `async` one does not (free its
   * intermediates yourself). Input tensors that `fn` does not return are disposed. With `numParallelCalls`
   * (or AUTOTUNE), up to that many calls run concurrently; the output order is always the input order.
   */
  map<R = Element>(fn: (el: T) => R | Promise<R>, options: { numParallelCalls?: number; deterministic?: boolean } = {}): Dataset<R> {
    const p = options.numParallelCalls === undefined ? 1 : options.numParallelCalls === AUTOTUNE ? 4 : options.numParallelCalls;
    checkCount('map: numParallelCalls', p, 1);
    return this.derive(() => mapGen(this, fn, p), this.cardinality(), null);
  }

  /** Keeps the elements for which `predicate` returns true (a boolean or a scalar bool tensor). */
  filter(predicate: Predicate<T>): Dataset<T> {
    const n = this.cardinality();
    return this.derive(() => filterGen(this, predicate), n === INF ? INF : n === 0 ? 0 : UNKNOWN, this.elementSpec);
  }

  /** Maps each element to a dataset and flattens them in order. */
  flatMap<R>(fn: (el: T) => Dataset<R>): Dataset<R> {
    return this.derive(() => flatMapGen(this, fn), UNKNOWN, null);
  }

  /**
   * Maps each element to a dataset and interleaves them (tf.data's deterministic order): `cycleLength` datasets are
   * read at once, `blockLength` elements from each in turn. Each element and its dataset are freed when used up.
   */
  interleave<R>(fn: (el: T) => Dataset<R>, options: { cycleLength?: number; blockLength?: number } = {}): Dataset<R> {
    const cycle = options.cycleLength ?? 4;
    const block = options.blockLength ?? 1;
    checkCount('interleave: cycleLength', cycle, 1);
    checkCount('interleave: blockLength', block, 1);
    const open = (el: T) => {
      const inner = fn(el);
      return {
        it: inner[Symbol.asyncIterator](),
        close: () => {
          inner.dispose();
          disposeElement(el);
        },
      };
    };
    return this.derive(() => interleaveGen(this, open, cycle, block), UNKNOWN, null);
  }

  // ---- performance ----

  /** Records the first complete pass (in memory, or in `filename`) and replays it on later passes. */
  cache(filename = ''): Dataset<T> {
    if (filename === '') {
      const mem = new MemoryCache();
      return this.derive(() => memoryCacheGen(() => this as AsyncIterable<Element> as never, mem) as unknown as AsyncIterator<T>, this.cardinality(), this.elementSpec, {
        dispose: () => mem.dispose(),
      });
    }
    return this.derive(() => fileCacheGen(() => this as AsyncIterable<Element> as never, filename) as unknown as AsyncIterator<T>, this.cardinality(), this.elementSpec);
  }

  /** Produces up to `bufferSize` elements ahead of the consumer (AUTOTUNE = 2), keeping their order. */
  prefetch(bufferSize: number): Dataset<T> {
    const n = bufferSize === AUTOTUNE ? 2 : bufferSize;
    checkCount('prefetch: bufferSize', n, 0);
    if (n === 0) return this.derive(() => this[Symbol.asyncIterator](), this.cardinality(), this.elementSpec);
    return this.derive(() => ahead(this, n, (x: T) => x), this.cardinality(), this.elementSpec);
  }

  /**
   * Groups elements into windows: each element of the result is a finite Dataset of up to `size` elements. The
   * consumer disposes each window (`window.dispose()`, or via `flatMap`, which does so itself).
   */
  window(size: number, options: WindowOptions = {}): Dataset<Dataset<Element>> {
    checkCount('window: size', size, 1);
    const shift = options.shift ?? size;
    const stride = options.stride ?? 1;
    const drop = options.dropRemainder ?? false;
    checkCount('window: shift', shift, 1);
    checkCount('window: stride', stride, 1);
    const n = this.cardinality();
    const span = (size - 1) * stride + 1;
    const card = n < 0 ? n : drop ? (n < span ? 0 : Math.floor((n - span) / shift) + 1) : Math.ceil(n / shift);
    return this.derive(
      () => windowGen(this as AsyncIterable<Element>, size, { shift, stride, dropRemainder: drop }, (els) => Dataset.ofOwnedElements(els)),
      card,
      null,
    );
  }

  /** A dataset over elements it owns: each pass yields copies; dispose() frees the originals. */
  static ofOwnedElements(elements: Element[]): Dataset<Element> {
    async function* gen(): AsyncGenerator<Element> {
      for (const e of elements) {
        await breathe();
        yield cloneElement(e);
      }
    }
    const spec = null;
    return new Dataset(gen, { cardinality: elements.length, spec, dispose: () => elements.forEach(disposeElement) });
  }

  // ---- consuming ----

  /** All elements, in order (for finite datasets; the caller owns them). */
  async toArray(): Promise<T[]> {
    if (this.cardinality() === INF) throw new ValueError('toArray: the dataset is infinite; use take(n) first.');
    const out: T[] = [];
    for await (const el of this) out.push(el);
    return out;
  }

  /** Calls `fn` on each element and disposes it afterwards. */
  async forEachAsync(fn: (el: T) => void | Promise<void>): Promise<void> {
    for await (const el of this) {
      try {
        await fn(el);
      } finally {
        disposeElement(el);
      }
    }
  }
}
