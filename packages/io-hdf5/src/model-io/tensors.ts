/** Between tfjs variables and the plain {@link WeightValue}s the file formats read and write. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { WeightData, WeightDtype, WeightValue } from '../weight-values.js';

/** The variable's current value as plain data named `name`. */
export function weightValueOf(v: tf.Variable | tf.Tensor, name: string): WeightValue {
  const data = v.dataSync();
  const dtype: WeightDtype = v.dtype === 'float32' ? 'float32' : v.dtype === 'int32' ? 'int32' : v.dtype === 'bool' ? 'bool' : 'float32';
  let out: WeightData;
  if (dtype === 'float32') out = Float32Array.from(data as Float32Array);
  else if (dtype === 'int32') out = Int32Array.from(data as Int32Array);
  else out = Uint8Array.from(data as Uint8Array);
  return { name, shape: [...v.shape], dtype, data: out };
}

/** A tensor of the variable's dtype holding `w` (float64 narrowed to float32, int64 checked to fit int32). */
export function tensorFor(w: WeightValue, dtype: tf.DataType, where: string): tf.Tensor {
  let values: Float32Array | Int32Array | Uint8Array;
  if (w.data instanceof BigInt64Array || w.data instanceof BigUint64Array) {
    const ints = new Int32Array(w.data.length);
    w.data.forEach((b: bigint, i: number) => {
      if (b > 2147483647n || b < -2147483648n) throw new ValueError(`${where}: value ${b} of weight "${w.name}" does not fit in int32`);
      ints[i] = Number(b);
    });
    values = dtype === 'float32' ? Float32Array.from(ints) : ints;
  } else if (dtype === 'int32') {
    values = w.data instanceof Int32Array ? w.data : Int32Array.from(w.data as ArrayLike<number>);
  } else if (dtype === 'bool') {
    values = Uint8Array.from(w.data as ArrayLike<number>);
  } else {
    values = w.data instanceof Float32Array ? w.data : Float32Array.from(w.data as ArrayLike<number>);
  }
  return tf.tensor(values, w.shape, dtype);
}

/** Assigns each value to its variable, after all shapes were checked by the caller. */
export function assignAll(pairs: Array<[tf.Variable, WeightValue, string]>): void {
  for (const [v, w, where] of pairs) {
    const t = tensorFor(w, v.dtype, where);
    try {
      v.assign(t);
    } finally {
      t.dispose();
    }
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
