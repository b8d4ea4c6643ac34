/**
 * Data adapters: turn the user's `x`/`y` (tensors, nested arrays, lists, dicts by layer name) into lists of
 * tensors in the model's input/output order, check them, and slice batches.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { Model } from '../model.js';
import type { DatasetLike, ModelData } from './types.js';

export function isDataset(x: unknown): x is DatasetLike {
  return !!x && typeof x === 'object' && typeof (x as DatasetLike)[Symbol.asyncIterator] === 'function' && typeof (x as DatasetLike).cardinality === 'function';
}

export interface Standardized {
  tensors: tf.Tensor[];
  /** Tensors created here from arrays (the caller disposes them). */
  owned: tf.Tensor[];
}

function toTensor(x: tf.Tensor | tf.TensorLike, owned: tf.Tensor[]): tf.Tensor {
  if (x instanceof tf.Tensor) return x;
  const t = tf.tensor(x as tf.TensorLike);
  owned.push(t);
  return t;
}

/** Puts `data` in the order of `names` (dict keys) or as given (tensor/list). */
export function standardize(data: ModelData | undefined, names: string[], what: 'x' | 'y'): Standardized {
  const owned: tf.Tensor[] = [];
  if (data === undefined || data === null) return { tensors: [], owned };
  if (isDataset(data)) throw new ValueError(`\`${what}\` is a dataset; pass it as the first argument alone (fit(dataset, {...})).`);
  let tensors: tf.Tensor[];
  if (data instanceof tf.Tensor) tensors = [data];
  else if (Array.isArray(data)) {
    const isListOfInputs = data.length > 0 && (data[0] instanceof tf.Tensor) ;
    tensors = isListOfInputs ? (data as Array<tf.Tensor | tf.TensorLike>).map((d) => toTensor(d, owned)) : [toTensor(data as tf.TensorLike, owned)];
  } else if (ArrayBuffer.isView(data)) tensors = [toTensor(data as unknown as tf.TensorLike, owned)];
  else if (typeof data === 'object') {
    const dict = data as Record<string, tf.Tensor | tf.TensorLike>;
    for (const k of Object.keys(dict)) {
      if (!names.includes(k)) throw new ValueError(`Unknown entry in ${what} dictionary: "${k}". Expected keys: ${names.join(', ')}.`);
    }
    tensors = names.map((n) => {
      if (!(n in dict)) throw new ValueError(`No data provided for "${n}". Need data for each key in: ${names.join(', ')}`);
      return toTensor(dict[n], owned);
    });
  } else throw new ValueError(`Unrecognized data type for \`${what}\`: ${typeof data}`);
  return { tensors, owned };
}

/** Checks that all arrays have the same number of samples; returns it. */
export function checkCardinality(xs: tf.Tensor[], ys: tf.Tensor[], sw?: tf.Tensor | null): number {
  const xSizes = xs.map((t) => t.shape[0] ?? 0);
  const ySizes = ys.map((t) => t.shape[0] ?? 0);
  const all = [...xSizes, ...ySizes, ...(sw ? [sw.shape[0]] : [])];
  if (new Set(all).size > 1) {
    let msg = 'Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.';
    msg += `\n'x' sizes: ${xSizes.join(', ')}`;
    if (ySizes.length) msg += `\n'y' sizes: ${ySizes.join(', ')}`;
    if (sw) msg += `\n'sample_weight' sizes: ${sw.shape[0]}`;
    throw new ValueError(msg);
  }
  return all[0] ?? 0;
}

/** Checks the number of inputs/outputs against a functional model. */
export function checkArity(model: Model, xs: tf.Tensor[], ys: tf.Tensor[] | null): void {
  if (!model.isFunctional) return;
  if (xs.length !== model.inputs.length) {
    throw new ValueError(`Model "${model.name}" expects ${model.inputs.length} input(s) (${model.inputNames.join(', ')}), but it received ${xs.length} input tensor(s).`);
  }
  if (ys && ys.length && ys.length !== model.outputs.length) {
    throw new ValueError(`Model "${model.name}" has ${model.outputs.length} output(s) (${model.outputNames.join(', ')}), but ${ys.length} target array(s) were passed as \`y\`.`);
  }
}

/** Rows [start, end) of every tensor, or the rows at `indices` (a shuffled epoch). */
export function sliceBatch(tensors: tf.Tensor[], start: number, end: number, indices: tf.Tensor1D | null): tf.Tensor[] {
  return tensors.map((t) => {
    if (indices) return tf.tidy(() => tf.gather(t, tf.slice(indices, [start], [end - start])));
    return tf.slice(t, [start, ...new Array(t.rank - 1).fill(0)], [end - start, ...t.shape.slice(1)]);
  });
}

/** Sample weights from `classWeight` (index → weight) and the targets (one-hot or sparse). */
export function classWeightsFor(y: tf.Tensor, classWeight: Record<number, number>): tf.Tensor1D {
  return tf.tidy(() => {
    const cls = y.rank > 1 && y.shape[y.rank - 1]! > 1 ? tf.argMax(y, -1) : tf.cast(tf.reshape(y, [y.shape[0]]), 'int32');
    const maxClass = Math.max(...Object.keys(classWeight).map(Number));
    const table = tf.tensor1d(Array.from({ length: maxClass + 1 }, (_, i) => classWeight[i] ?? 1));
    return tf.gather(table, tf.clipByValue(cls, 0, maxClass)) as tf.Tensor1D;
  });
}

/** Splits an element of a dataset into x, y, sample weight. */
export function unpackElement(el: unknown): { x: ModelData; y?: ModelData; sw?: tf.Tensor } {
  if (Array.isArray(el) && el.length >= 2 && el.length <= 3 && !(typeof el[0] === 'number')) {
    return { x: el[0] as ModelData, y: el[1] as ModelData, sw: el[2] as tf.Tensor | undefined };
  }
  if (el && typeof el === 'object' && !(el instanceof tf.Tensor) && ('xs' in el || 'x' in el)) {
    const o = el as { xs?: ModelData; ys?: ModelData; x?: ModelData; y?: ModelData };
    return { x: (o.xs ?? o.x)!, y: o.ys ?? o.y };
  }
  return { x: el as ModelData };
}

/** Every tensor inside an element (to dispose it after use). */
export function tensorsIn(el: unknown, out: tf.Tensor[] = []): tf.Tensor[] {
  if (el instanceof tf.Tensor) out.push(el);
  else if (Array.isArray(el)) for (const e of el) tensorsIn(e, out);
  else if (el && typeof el === 'object') for (const e of Object.values(el)) tensorsIn(e, out);
  return out;
}
