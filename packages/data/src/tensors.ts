/**
 * Tensor helpers for the pipeline: slicing rows, stacking and unstacking components (string tensors too,
 * which some backends cannot slice or concatenate), padding, and converting plain values to tensors.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { isTensor } from './structure.js';

function rowSize(shape: readonly number[]): number {
  let n = 1;
  for (let i = 1; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** Row `i` of `t` along axis 0, as a new tensor of shape `t.shape.slice(1)`. */
export function sliceRow(t: tf.Tensor, i: number): tf.Tensor {
  if (t.dtype === 'string') {
    const vals = stringBytes(t);
    const n = rowSize(t.shape);
    return tf.tensor(vals.slice(i * n, (i + 1) * n), t.shape.slice(1), 'string');
  }
  return tf.tidy(() => {
    const begin = t.shape.map((_, a) => (a === 0 ? i : 0));
    const size = t.shape.map((d, a) => (a === 0 ? 1 : d));
    return tf.reshape(tf.slice(t, begin, size), t.shape.slice(1));
  });
}

/** Rows `[start, end)` of `t` along axis 0. */
export function sliceRows(t: tf.Tensor, start: number, end: number): tf.Tensor {
  if (t.dtype === 'string') {
    const vals = stringBytes(t);
    const n = rowSize(t.shape);
    return tf.tensor(vals.slice(start * n, end * n), [end - start, ...t.shape.slice(1)], 'string');
  }
  const begin = t.shape.map((_, a) => (a === 0 ? start : 0));
  const size = t.shape.map((d, a) => (a === 0 ? end - start : d));
  return tf.slice(t, begin, size);
}

/** Stacks same-shaped tensors along a new axis 0 (the inputs are not disposed). */
export function stackTensors(ts: readonly tf.Tensor[], path: string): tf.Tensor {
  const first = ts[0]!;
  for (const t of ts) {
    if (t.dtype !== first.dtype || t.shape.length !== first.shape.length || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ValueError(
        `Cannot batch tensors with different shapes in component ${path || '0'}: first element had shape [${first.shape.join(', ')}] (${first.dtype}) and another had shape [${t.shape.join(', ')}] (${t.dtype}). Use paddedBatch to batch elements of different shapes.`,
      );
    }
  }
  if (first.dtype === 'string') {
    const vals: Uint8Array[] = [];
    for (const t of ts) vals.push(...(stringBytes(t)));
    return tf.tensor(vals, [ts.length, ...first.shape], 'string');
  }
  return tf.stack(ts as tf.Tensor[], 0);
}

/** Splits `t` into its rows along axis 0. */
export function unstackTensor(t: tf.Tensor, path: string): tf.Tensor[] {
  if (t.rank === 0) throw new ValueError(`unbatch: component ${path || '0'} is a scalar; every component must have a batch dimension.`);
  if (t.dtype === 'string') {
    const out: tf.Tensor[] = [];
    for (let i = 0; i < t.shape[0]!; i++) out.push(sliceRow(t, i));
    return out;
  }
  return tf.unstack(t, 0);
}

/** Pads `t` at the end of each axis to `shape` with `value`. */
export function padTo(t: tf.Tensor, shape: readonly number[], value: number | string, path: string): tf.Tensor {
  if (shape.length !== t.rank || t.shape.some((d, i) => d > shape[i]!)) {
    throw new ValueError(`paddedBatch: component ${path || '0'} has shape [${t.shape.join(', ')}], which does not fit the padded shape [${shape.join(', ')}].`);
  }
  if (t.shape.every((d, i) => d === shape[i])) return tf.clone(t);
  if (t.dtype === 'string') {
    const src = stringBytes(t);
    const size = shape.reduce((a, b) => a * b, 1);
    const fill = new TextEncoder().encode(String(value));
    const out: Uint8Array[] = new Array(size).fill(fill);
    const srcStrides = strides(t.shape);
    const dstStrides = strides(shape);
    for (let k = 0; k < src.length; k++) {
      let rem = k;
      let dst = 0;
      for (let a = 0; a < t.rank; a++) {
        const idx = Math.floor(rem / srcStrides[a]!);
        rem -= idx * srcStrides[a]!;
        dst += idx * dstStrides[a]!;
      }
      out[dst] = src[k]!;
    }
    return tf.tensor(out, shape as number[], 'string');
  }
  return tf.pad(t, t.shape.map((d, i) => [0, shape[i]! - d] as [number, number]), Number(value));
}

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** The raw bytes of a string tensor's elements (dataSync would decode them as UTF-8). */
export function stringBytes(t: tf.Tensor): Uint8Array[] {
  return tf.engine().readSync(t.dataId) as Uint8Array[];
}

type Leaf = number | boolean | string | Uint8Array | ArrayLike<unknown>;

/** Converts a plain value (number, boolean, string, typed array, nested array) to a tensor. */
export function toTensor(value: unknown, dtype?: tf.DataType, path = ''): tf.Tensor {
  if (isTensor(value)) return value;
  if (typeof value === 'string') return tf.scalar(value, 'string');
  if (typeof value === 'number') return tf.scalar(value, dtype ?? 'float32');
  if (typeof value === 'boolean') return tf.scalar(value ? 1 : 0, dtype ?? 'bool');
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const inferred = dtype ?? (value instanceof Int32Array ? 'int32' : value instanceof Uint8Array ? 'int32' : undefined);
    return tf.tensor(value as unknown as Leaf as tf.TensorLike, undefined, inferred);
  }
  throw new ValueError(`Cannot convert component ${path || '0'} to a tensor: received ${value === null ? 'null' : typeof value}.`);
}
