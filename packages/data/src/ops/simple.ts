/** Order-keeping transformations: take, skip, shard, enumerate, filter, map, flatMap, zip, concatenate. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { disposeElement, disposeExcept, isTensor, zipStructures, type Element } from '../structure.js';
import { ahead } from './ahead.js';

export async function* takeGen<T>(src: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count === 0) return;
  let n = 0;
  for await (const el of src) {
    yield el;
    if (++n >= count && count >= 0) return;
  }
}

export async function* skipGen<T>(src: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let n = 0;
  for await (const el of src) {
    if (count < 0 || n < count) {
      n++;
      disposeElement(el);
      continue;
    }
    yield el;
  }
}

export async function* shardGen<T>(src: AsyncIterable<T>, numShards: number, index: number): AsyncGenerator<T> {
  let i = 0;
  for await (const el of src) {
    if (i++ % numShards === index) yield el;
    else disposeElement(el);
  }
}

export async function* enumerateGen<T>(src: AsyncIterable<T>, start: number): AsyncGenerator<[tf.Tensor, T]> {
  let i = start;
  for await (const el of src) yield [tf.scalar(i++, 'int32'), el];
}

/** A predicate's result as a boolean (a scalar bool tensor is read and disposed). */
function truth(r: unknown): boolean {
  if (typeof r === 'boolean') return r;
  if (isTensor(r)) {
    try {
      if (r.size !== 1) throw new ValueError(`filter: the predicate must return a scalar boolean, but returned a tensor of shape [${r.shape.join(', ')}].`);
      return Boolean(r.dataSync()[0]);
    } finally {
      r.dispose();
    }
  }
  throw new ValueError(`filter: the predicate must return a boolean or a scalar bool tensor, but returned ${typeof r}.`);
}

export type Predicate<T> = (el: T) => boolean | tf.Tensor | Promise<boolean | tf.Tensor>;

export async function* filterGen<T>(src: AsyncIterable<T>, pred: Predicate<T>): AsyncGenerator<T> {
  for await (const el of src) {
    let keep: boolean;
    try {
      keep = truth(isAsyncFunction(pred) ? await pred(el) : tf.tidy(() => pred(el) as boolean | tf.Tensor as never));
    } catch (e) {
      disposeElement(el);
      throw e;
    }
    if (keep) yield el;
    else disposeElement(el);
  }
}

function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction';
}

/**
 * Applies `fn` to one element. Synchronous functions run inside `tf.tidy` (their intermediate tensors are
 * freed); `async` functions run as they are. The input's tensors that are not part of the output are disposed.
 */
export async function applyMap<T, R>(fn: (el: T) => R | Promise<R>, el: T): Promise<R> {
  let out: R;
  try {
    if (isAsyncFunction(fn)) out = await fn(el);
    else out = tf.tidy(() => fn(el) as unknown as tf.TensorContainer) as unknown as R;
  } catch (e) {
    disposeElement(el);
    throw e;
  }
  disposeExcept(el, out);
  return out;
}

export function mapGen<T, R>(src: AsyncIterable<T>, fn: (el: T) => R | Promise<R>, parallel: number): AsyncGenerator<R> {
  return ahead(src, Math.max(1, parallel), (el) => applyMap(fn, el));
}

/** Maps each element to a dataset and yields its elements; the element and the inner dataset are freed after. */
export async function* flatMapGen<T, R>(src: AsyncIterable<T>, fn: (el: T) => AsyncIterable<R> & { dispose?: () => void }): AsyncGenerator<R> {
  for await (const el of src) {
    let inner: (AsyncIterable<R> & { dispose?: () => void }) | undefined;
    try {
      inner = fn(el);
      yield* inner;
    } finally {
      inner?.dispose?.();
      disposeElement(el);
    }
  }
}

export async function* zipGen(sources: AsyncIterable<Element>[], rebuild: (parts: Element[]) => Element): AsyncGenerator<Element> {
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  let done = false;
  try {
    for (;;) {
      const parts: Element[] = [];
      for (const it of its) {
        const r = await it.next();
        if (r.done) {
          done = true;
          break;
        }
        parts.push(r.value);
      }
      if (done) {
        for (const p of parts) disposeElement(p);
        return;
      }
      yield rebuild(parts);
    }
  } finally {
    await Promise.all(its.map((it) => it.return?.()));
  }
}

export async function* concatenateGen<T>(a: AsyncIterable<T>, b: AsyncIterable<T>): AsyncGenerator<T> {
  yield* a;
  yield* b;
}

export { zipStructures };
