/** Source generators: tensor slices, user generators, ranges. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { flatten, isRecord, isTensor, mapStructure, TensorSpec, type Element, type ElementSpec } from '../structure.js';
import { sliceRow, sliceRows, toTensor } from '../tensors.js';
import { breathe } from './breathe.js';

/** A nested structure of tensors, typed arrays or (nested) number arrays, as given to fromTensorSlices. */
export type SliceInput = tf.Tensor | tf.TensorLike | readonly SliceInput[] | { readonly [key: string]: SliceInput };

/**
 * Whether a JS array is a tuple of components (true when any entry is a tensor, a typed array or a dict, or a
 * tuple itself) or the data of one tensor (nested numbers/strings/booleans).
 */
function isTuple(x: readonly unknown[]): boolean {
  if (x.some((e) => isTensor(e) || ArrayBuffer.isView(e) || isRecord(e) || (Array.isArray(e) && isTuple(e)))) return true;
  // Entries of different shapes (e.g. `[1, [1, 2]]`) cannot form one tensor: a tuple.
  const shapes = new Set(x.map(shapeKey));
  return shapes.size > 1 || shapes.has(null);
}

/** The shape of nested plain arrays as a string, or null when ragged. */
function shapeKey(x: unknown): string | null {
  if (!Array.isArray(x)) return '';
  const inner = new Set(x.map(shapeKey));
  if (inner.size > 1 || inner.has(null)) return null;
  return `${x.length},${inner.size ? [...inner][0] : ''}`;
}

/** Converts the input to a structure of tensors; returns them and which ones the dataset made (and owns). */
export function toTensorStructure(input: unknown): { structure: Element; owned: tf.Tensor[] } {
  const owned: tf.Tensor[] = [];
  const walk = (x: unknown, path: string): unknown => {
    if (isTensor(x)) return x;
    if (Array.isArray(x) && isTuple(x)) return x.map((c, i) => walk(c, `${path}[${i}]`));
    if (isRecord(x)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x)) out[k] = walk(x[k], path ? `${path}.${k}` : k);
      return out;
    }
    const t = toTensor(x, undefined, path);
    owned.push(t);
    return t;
  };
  return { structure: walk(input, '') as Element, owned };
}

/** The number of slices along axis 0, checking every component agrees. */
export function sliceCount(structure: Element): number {
  const leaves = flatten(structure);
  if (leaves.length === 0) throw new ValueError('fromTensorSlices: the input has no components.');
  let n: number | undefined;
  mapStructure<tf.Tensor, void>(structure, (t, path) => {
    if (t.rank === 0) throw new ValueError(`fromTensorSlices: component ${path || '0'} is a scalar; every component needs a first dimension to slice.`);
    if (n === undefined) n = t.shape[0];
    else if (t.shape[0] !== n) {
      throw new ValueError(`fromTensorSlices: all components must have the same size in their first dimension, but component ${path} has ${t.shape[0]} and the first has ${n}.`);
    }
  });
  return n!;
}

export function sliceSpec(structure: Element): ElementSpec {
  return mapStructure<tf.Tensor, TensorSpec>(structure, (t) => new TensorSpec(t.shape.slice(1), t.dtype)) as ElementSpec;
}

export async function* slices(structure: Element, n: number): AsyncGenerator<Element> {
  for (let i = 0; i < n; i++) {
    await breathe();
    yield mapStructure<tf.Tensor, tf.Tensor>(structure, (t) => sliceRow(t, i)) as Element;
  }
}

/** Batches of consecutive slices, one slice op per component (what `fromTensorSlices(x).batch(n)` yields). */
export async function* sliceBatches(structure: Element, n: number, size: number, dropRemainder: boolean): AsyncGenerator<Element> {
  for (let i = 0; i < n; i += size) {
    const end = Math.min(n, i + size);
    if (end - i < size && dropRemainder) return;
    await breathe();
    yield mapStructure<tf.Tensor, tf.Tensor>(structure, (t) => sliceRows(t, i, end)) as Element;
  }
}

/** Converts a generator's value to an element of tensors, checking it against the signature when given. */
export function convertGenerated(value: unknown, signature: ElementSpec | undefined): Element {
  if (!signature) {
    return toTensorStructure(value).structure;
  }
  const walk = (v: unknown, s: ElementSpec, path: string): unknown => {
    if (s instanceof TensorSpec) {
      const t = toTensor(v, s.dtype, path);
      const ok = t.dtype === s.dtype && t.rank === s.shape.length && s.shape.every((d, i) => d === null || d === t.shape[i]);
      if (!ok) {
        const got = `a ${t.dtype} tensor of shape [${t.shape.join(', ')}]`;
        if (t !== v) t.dispose();
        throw new ValueError(`fromGenerator: the generator yielded ${got} for component ${path || '0'}, which does not match the outputSignature ${s}.`);
      }
      return t;
    }
    if (Array.isArray(s)) {
      if (!Array.isArray(v) || v.length !== s.length) {
        throw new ValueError(`fromGenerator: expected a tuple of ${s.length} components at ${path || '<root>'} (per outputSignature), but the generator yielded ${Array.isArray(v) ? `${v.length} components` : typeof v}.`);
      }
      return s.map((c, i) => walk(v[i], c as ElementSpec, `${path}[${i}]`));
    }
    if (!isRecord(v)) throw new ValueError(`fromGenerator: expected a dict at ${path || '<root>'} (per outputSignature), but the generator yielded ${typeof v}.`);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(s)) out[k] = walk(v[k], (s as Record<string, ElementSpec>)[k]!, path ? `${path}.${k}` : k);
    return out;
  };
  return walk(value, signature, '') as Element;
}

export type GeneratorSource = () => Iterable<unknown> | AsyncIterable<unknown>;

export async function* generated(gen: GeneratorSource, signature: ElementSpec | undefined): AsyncGenerator<Element> {
  const it = gen();
  if (it === null || typeof it !== 'object' || (!(Symbol.asyncIterator in it) && !(Symbol.iterator in it))) {
    throw new ValueError('fromGenerator: the generator function must return an iterable or async iterable (call a generator function, e.g. `function* () {...}`).');
  }
  for await (const v of it as AsyncIterable<unknown>) {
    await breathe();
    yield convertGenerated(v, signature);
  }
}

export function rangeCount(start: number, stop: number, step: number): number {
  if (step === 0) throw new ValueError('range: step must not be 0.');
  return Math.max(0, Math.ceil((stop - start) / step));
}

export async function* rangeGen(start: number, stop: number, step: number, dtype: tf.DataType): AsyncGenerator<tf.Tensor> {
  const n = rangeCount(start, stop, step);
  for (let i = 0; i < n; i++) {
    await breathe();
    yield tf.scalar(start + i * step, dtype);
  }
}
