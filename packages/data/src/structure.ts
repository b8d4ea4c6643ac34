/**
 * Element structures: a dataset element is a Tensor, an array (tuple) of elements, or a record (dict) of
 * elements — the nested structures of tf.data. Helpers here walk, dispose, describe and combine them.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';

/** A dataset element: a tensor, a tuple of elements, or a dict of elements. */
export type Element = tf.Tensor | readonly Element[] | { readonly [key: string]: Element };

/** Something that owns resources and can release them (a Dataset, for `window`'s inner datasets). */
export interface Disposable {
  dispose(): void;
}

/** tf.TensorSpec: the static shape (null for unknown dimensions) and dtype of one component. */
export class TensorSpec {
  constructor(
    readonly shape: readonly (number | null)[],
    readonly dtype: tf.DataType,
  ) {}

  toString(): string {
    return `TensorSpec(shape=[${this.shape.map((d) => (d === null ? 'null' : d)).join(', ')}], dtype=${this.dtype})`;
  }

  /** The most specific spec compatible with both (dimensions that differ become null). */
  mostSpecificCompatible(other: TensorSpec): TensorSpec {
    if (other.dtype !== this.dtype || other.shape.length !== this.shape.length) {
      throw new ValueError(`Incompatible element specs: ${this} and ${other}.`);
    }
    return new TensorSpec(this.shape.map((d, i) => (d === other.shape[i] ? d : null)), this.dtype);
  }
}

/** The structure of TensorSpecs describing a dataset's elements. */
export type ElementSpec = TensorSpec | readonly ElementSpec[] | { readonly [key: string]: ElementSpec };

export function isTensor(x: unknown): x is tf.Tensor {
  return x instanceof tf.Tensor;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !isTensor(x) && !ArrayBuffer.isView(x);
}

function isDisposable(x: unknown): x is Disposable {
  return typeof x === 'object' && x !== null && typeof (x as Disposable).dispose === 'function';
}

/** Applies `fn` to every leaf, keeping the structure. */
export function mapStructure<L, R>(s: unknown, fn: (leaf: L, path: string) => R, path = ''): unknown {
  if (Array.isArray(s)) return s.map((c, i) => mapStructure(c, fn, `${path}[${i}]`));
  if (isRecord(s) && !(s instanceof TensorSpec) && !isDisposable(s)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(s)) out[k] = mapStructure(s[k], fn, path ? `${path}.${k}` : k);
    return out;
  }
  return fn(s as L, path);
}

/** The leaves of a structure, depth first (arrays in order, records in key order). */
export function flatten<L = tf.Tensor>(s: unknown): L[] {
  const out: L[] = [];
  mapStructure<L, void>(s, (leaf) => {
    out.push(leaf);
  });
  return out;
}

/** Disposes every tensor (and every disposable, e.g. a window's inner dataset) in an element. */
export function disposeElement(el: unknown): void {
  mapStructure<unknown, void>(el, (leaf) => {
    if (isTensor(leaf)) {
      if (!leaf.isDisposed) leaf.dispose();
    } else if (isDisposable(leaf)) leaf.dispose();
  });
}

/** Disposes the tensors of `el` that do not appear (by identity) in `kept`. */
export function disposeExcept(el: unknown, kept: unknown): void {
  const keep = new Set(flatten<unknown>(kept));
  mapStructure<unknown, void>(el, (leaf) => {
    if (keep.has(leaf)) return;
    if (isTensor(leaf)) {
      if (!leaf.isDisposed) leaf.dispose();
    } else if (isDisposable(leaf)) leaf.dispose();
  });
}

/** The spec of one concrete element. */
export function specOf(el: unknown): ElementSpec | null {
  let unknownLeaf = false;
  const spec = mapStructure<unknown, TensorSpec | null>(el, (leaf) => {
    if (isTensor(leaf)) return new TensorSpec(leaf.shape, leaf.dtype);
    unknownLeaf = true;
    return null;
  });
  return unknownLeaf ? null : (spec as ElementSpec);
}

/** Combines corresponding leaves of same-structured elements; throws naming the first mismatch. */
export function zipStructures<R>(els: readonly unknown[], fn: (leaves: unknown[], path: string) => R, what: string): unknown {
  const first = els[0];
  const walk = (parts: unknown[], path: string): unknown => {
    const head = parts[0];
    if (Array.isArray(head)) {
      for (const p of parts) {
        if (!Array.isArray(p) || p.length !== head.length) {
          throw new ValueError(`${what}: elements have different structures at "${path || '<root>'}": expected a tuple of ${head.length} components, but received ${describe(p)}.`);
        }
      }
      return head.map((_, i) => walk(parts.map((p) => (p as unknown[])[i]), `${path}[${i}]`));
    }
    if (isRecord(head) && !isDisposable(head)) {
      const keys = Object.keys(head).sort().join(',');
      for (const p of parts) {
        if (!isRecord(p) || Object.keys(p).sort().join(',') !== keys) {
          throw new ValueError(`${what}: elements have different structures at "${path || '<root>'}": expected a dict with keys [${keys}], but received ${describe(p)}.`);
        }
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(head)) out[k] = walk(parts.map((p) => (p as Record<string, unknown>)[k]), path ? `${path}.${k}` : k);
      return out;
    }
    for (const p of parts) {
      if (Array.isArray(p) || (isRecord(p) && !isDisposable(p))) {
        throw new ValueError(`${what}: elements have different structures at "${path || '<root>'}": expected a tensor, but received ${describe(p)}.`);
      }
    }
    return fn(parts, path);
  };
  return els.length === 0 ? first : walk([...els], '');
}

/** A short description of a value for error messages. */
export function describe(x: unknown): string {
  if (isTensor(x)) return `a ${x.dtype} tensor of shape [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return `a tuple of ${x.length} components`;
  if (isRecord(x)) return `a dict with keys [${Object.keys(x).sort().join(', ')}]`;
  return `${typeof x} ${String(x)}`;
}

/** A copy of an element whose tensors share data with the originals (tfjs clones are reference-counted views). */
export function cloneElement<T>(el: T): T {
  return mapStructure<unknown, unknown>(el, (leaf) => (isTensor(leaf) ? tf.keep(tf.clone(leaf)) : leaf)) as T;
}
