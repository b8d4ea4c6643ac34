/** batch, unbatch and paddedBatch. Inputs are disposed once combined into (or split from) the output. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { disposeElement, mapStructure, TensorSpec, zipStructures, type Element, type ElementSpec } from '../structure.js';
import { padTo, stackTensors, unstackTensor } from '../tensors.js';

function stackElements(els: Element[]): Element {
  try {
    return zipStructures(els, (leaves, path) => stackTensors(leaves as tf.Tensor[], path), 'batch') as Element;
  } finally {
    for (const e of els) disposeElement(e);
  }
}

export async function* batchGen(src: AsyncIterable<Element>, size: number, dropRemainder: boolean): AsyncGenerator<Element> {
  let buf: Element[] = [];
  try {
    for await (const el of src) {
      buf.push(el);
      if (buf.length === size) {
        const b = buf;
        buf = [];
        yield stackElements(b);
      }
    }
    if (buf.length > 0 && !dropRemainder) {
      const b = buf;
      buf = [];
      yield stackElements(b);
    }
  } finally {
    for (const e of buf) disposeElement(e);
  }
}

export function batchedSpec(spec: ElementSpec | null, dim: number | null): ElementSpec | null {
  if (spec === null) return null;
  return mapStructure<TensorSpec, TensorSpec>(spec, (s) => new TensorSpec([dim, ...s.shape], s.dtype)) as ElementSpec;
}

export function unbatchedSpec(spec: ElementSpec | null): ElementSpec | null {
  if (spec === null) return null;
  return mapStructure<TensorSpec, TensorSpec>(spec, (s, path) => {
    if (s.shape.length === 0) throw new ValueError(`unbatch: component ${path || '0'} is a scalar (${s}); every component must have a batch dimension.`);
    return new TensorSpec(s.shape.slice(1), s.dtype);
  }) as ElementSpec;
}

export async function* unbatchGen(src: AsyncIterable<Element>): AsyncGenerator<Element> {
  for await (const el of src) {
    let rows: Element[];
    try {
      let n = -1;
      const parts: tf.Tensor[][] = [];
      mapStructure<tf.Tensor, void>(el, (t, path) => {
        const r = unstackTensor(t, path);
        parts.push(r);
        if (n >= 0 && r.length !== n) {
          for (const p of parts) tf.dispose(p);
          throw new ValueError(`unbatch: components have different batch sizes (${n} and ${r.length} at ${path}).`);
        }
        n = r.length;
      });
      rows = [];
      for (let i = 0; i < n; i++) {
        let k = 0;
        rows.push(mapStructure<tf.Tensor, tf.Tensor>(el, () => parts[k++]![i]!) as Element);
      }
    } finally {
      disposeElement(el);
    }
    let i = 0;
    try {
      for (; i < rows.length; i++) yield rows[i]!;
    } finally {
      // When the consumer stops early, the rows it never received are ours to free.
      for (let j = i + 1; j < rows.length; j++) disposeElement(rows[j]);
    }
  }
}

export interface PaddedBatchOptions {
  /** Shape to pad each component to (per component, structure like the element); null dims pad to the batch max. */
  paddedShapes?: unknown;
  /** Padding value per component (structure like the element) or one value for all; default 0 (or '' for strings). */
  paddingValues?: unknown;
  dropRemainder?: boolean;
}

function padElements(els: Element[], opts: PaddedBatchOptions): Element {
  try {
    return zipStructures(els, (leaves, path) => {
      const ts = leaves as tf.Tensor[];
      const rank = ts[0]!.rank;
      const target = new Array<number>(rank).fill(0);
      for (const t of ts) {
        if (t.rank !== rank) throw new ValueError(`paddedBatch: component ${path || '0'} has different ranks in one batch (${rank} and ${t.rank}).`);
        t.shape.forEach((d, i) => (target[i] = Math.max(target[i]!, d)));
      }
      const given = lookup(opts.paddedShapes, path) as readonly (number | null)[] | undefined;
      if (given !== undefined) {
        if (given.length !== rank) throw new ValueError(`paddedBatch: paddedShapes for component ${path || '0'} has rank ${given.length}, but the component has rank ${rank}.`);
        given.forEach((d, i) => {
          if (d !== null && d >= 0) {
            if (d < target[i]!) throw new ValueError(`paddedBatch: component ${path || '0'} has size ${target[i]} in dimension ${i}, larger than its padded shape ${d}.`);
            target[i] = d;
          }
        });
      }
      const pv = lookup(opts.paddingValues, path);
      const value = (pv ?? (ts[0]!.dtype === 'string' ? '' : 0)) as number | string;
      const padded = ts.map((t) => padTo(t, target, value, path));
      try {
        return stackTensors(padded, path);
      } finally {
        tf.dispose(padded);
      }
    }, 'paddedBatch') as Element;
  } finally {
    for (const e of els) disposeElement(e);
  }
}

/** The entry of a per-component option at `path` ("a[0].b"), or the option itself when it is not a structure. */
function lookup(opt: unknown, path: string): unknown {
  if (opt === undefined || opt === null) return undefined;
  if (typeof opt === 'number' || typeof opt === 'string') return opt;
  if (path === '') return opt;
  if (Array.isArray(opt) && opt.every((d) => typeof d === 'number' || d === null)) return opt;
  let cur: unknown = opt;
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
    if (cur === undefined || cur === null) return undefined;
    cur = m[1] !== undefined ? (cur as unknown[])[Number(m[1])] : (cur as Record<string, unknown>)[m[2]!];
  }
  return cur;
}

export async function* paddedBatchGen(src: AsyncIterable<Element>, size: number, opts: PaddedBatchOptions): AsyncGenerator<Element> {
  let buf: Element[] = [];
  try {
    for await (const el of src) {
      buf.push(el);
      if (buf.length === size) {
        const b = buf;
        buf = [];
        yield padElements(b, opts);
      }
    }
    if (buf.length > 0 && !opts.dropRemainder) {
      const b = buf;
      buf = [];
      yield padElements(b, opts);
    }
  } finally {
    for (const e of buf) disposeElement(e);
  }
}
