/** Test helpers: read a dataset's elements as plain JS values (disposing the tensors). */
import * as tf from '@keras-ts/tensor';
import { disposeElement, mapStructure } from '../structure.js';

export function plain(el: unknown): unknown {
  return mapStructure<unknown, unknown>(el, (leaf) => {
    return leaf instanceof tf.Tensor ? leaf.arraySync() : leaf;
  });
}

/** All elements as plain values; the tensors are disposed. */
export async function values(ds: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const el of ds) {
    out.push(plain(el));
    disposeElement(el);
  }
  return out;
}
