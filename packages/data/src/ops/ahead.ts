/**
 * Runs up to `depth` pulls (and transforms) of an upstream iterator ahead of the consumer, yielding results in
 * upstream order: the engine of `prefetch` and of `map` with `numParallelCalls`. On early exit, the results
 * already computed are disposed and the upstream iterator is closed.
 */
import { disposeElement } from '../structure.js';

export async function* ahead<T, R>(
  source: AsyncIterable<T>,
  depth: number,
  transform: (x: T) => R | Promise<R>,
): AsyncGenerator<R> {
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<R>>[] = [];
  let exhausted = false;
  const pull = (): void => {
    const p: Promise<IteratorResult<R>> = it.next().then(async (r) => {
      if (r.done) {
        exhausted = true;
        return { done: true, value: undefined };
      }
      return { done: false, value: await transform(r.value) };
    });
    p.catch(() => {
      exhausted = true;
    });
    queue.push(p);
  };
  let finished = false;
  try {
    for (;;) {
      while (!exhausted && queue.length < depth) pull();
      if (queue.length === 0) break;
      const r = await queue.shift()!;
      if (r.done) break;
      yield r.value;
    }
    finished = true;
  } finally {
    for (const p of queue) {
      try {
        const r = await p;
        if (!r.done) disposeElement(r.value);
      } catch {
        // already reported, or abandoned
      }
    }
    if (!finished) await it.return?.();
  }
}
