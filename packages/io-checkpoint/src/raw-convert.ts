/** Conversions between tfjs tensors, plain arrays and {@link RawTensor}s of a chosen checkpoint dtype. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { numElements, roundTo, type CheckpointDtype, type RawTensor, type RawValues } from './dtypes.js';

const RANGES: Partial<Record<CheckpointDtype, [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const utf8 = new TextEncoder();

/** Converts plain values to the exact array type of `dtype`, rejecting values the dtype cannot hold. */
export function castValues(values: ArrayLike<number | bigint | boolean | string | Uint8Array>, dtype: CheckpointDtype, name: string): RawValues {
  const n = values.length;
  if (dtype === 'string') {
    return Array.from({ length: n }, (_, i) => {
      const v = values[i];
      if (v instanceof Uint8Array) return v;
      if (typeof v === 'string') return utf8.encode(v);
      throw new ValueError(`tensor "${name}": expected string values for dtype string, got ${typeof v}`);
    });
  }
  const num = (i: number): number => {
    const v = values[i];
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint') return Number(v);
    throw new ValueError(`tensor "${name}": cannot store a ${typeof v} value as ${dtype}`);
  };
  if (dtype === 'int64') {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === 'bigint') out[i] = BigInt.asIntN(64, v);
      else {
        const x = num(i);
        if (!Number.isInteger(x)) throw new ValueError(`tensor "${name}": value ${x} at index ${i} is not an integer (dtype int64)`);
        out[i] = BigInt(x);
      }
    }
    return out;
  }
  const range = RANGES[dtype];
  if (range) {
    for (let i = 0; i < n; i++) {
      const x = num(i);
      if (!Number.isInteger(x) || x < range[0] || x > range[1]) {
        throw new ValueError(`tensor "${name}": value ${x} at index ${i} does not fit dtype ${dtype} (integers ${range[0]}..${range[1]})`);
      }
    }
  }
  const plain = Array.from({ length: n }, (_, i) => num(i));
  switch (dtype) {
    case 'float32':
      return Float32Array.from(plain);
    case 'float64':
      return Float64Array.from(plain);
    case 'float16':
    case 'bfloat16':
      return Float32Array.from(plain, (v) => roundTo(dtype, v));
    case 'int8':
      return Int8Array.from(plain);
    case 'int16':
      return Int16Array.from(plain);
    case 'int32':
      return Int32Array.from(plain);
    case 'uint8':
      return Uint8Array.from(plain);
    case 'bool':
      return Uint8Array.from(plain, (v) => (v ? 1 : 0));
  }
}

/** The values of a tfjs tensor as a RawTensor of `dtype` (default: the tensor's own dtype). */
export async function tensorToRaw(t: tf.Tensor, name: string, dtype?: CheckpointDtype): Promise<RawTensor> {
  if (t.isDisposed) throw new ValueError(`tensor "${name}" is disposed`);
  if (t.dtype === 'complex64') throw new ValueError(`tensor "${name}": complex64 cannot be written to a checkpoint`);
  const target: CheckpointDtype = dtype ?? (t.dtype as CheckpointDtype);
  const values: ArrayLike<number | Uint8Array> = t.dtype === 'string' ? ((await t.bytes()) as Uint8Array[]) : await t.data<'float32'>();
  if ((t.dtype === 'string') !== (target === 'string')) throw new ValueError(`tensor "${name}": cannot write a ${t.dtype} tensor as ${target}`);
  return { dtype: target, shape: [...t.shape], values: castValues(values, target, name) };
}

/** Checks that `raw` holds exactly the element count of its shape and the array type of its dtype. */
export function checkRaw(raw: RawTensor, name: string): RawTensor {
  if (!raw.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new ValueError(`tensor "${name}": invalid shape [${raw.shape.join(', ')}]`);
  const n = numElements(raw.shape);
  if (raw.values.length !== n) {
    throw new ValueError(`tensor "${name}": shape [${raw.shape.join(', ')}] needs ${n} values, got ${raw.values.length}`);
  }
  return { ...raw, values: castValues(raw.values, raw.dtype, name) };
}

/** A tfjs tensor holding `raw` (floats as float32, integers as int32; int64 must fit int32). */
export function rawToTensor(raw: RawTensor, name: string): tf.Tensor {
  const { dtype, shape, values } = raw;
  switch (dtype) {
    case 'string':
      return tf.tensor(values as Uint8Array[], shape, 'string');
    case 'bool':
      return tf.tensor(values as Uint8Array, shape, 'bool');
    case 'float32':
    case 'float16':
    case 'bfloat16':
    case 'float64':
      return tf.tensor(values instanceof Float32Array ? values : Float32Array.from(values as Float64Array), shape, 'float32');
    case 'int64': {
      const v = values as BigInt64Array;
      const out = new Int32Array(v.length);
      for (let i = 0; i < v.length; i++) {
        if (v[i]! > 2147483647n || v[i]! < -2147483648n) {
          throw new ValueError(`tensor "${name}": int64 value ${v[i]} at index ${i} does not fit the int32 of a tfjs tensor; read it with getRawTensor()`);
        }
        out[i] = Number(v[i]);
      }
      return tf.tensor(out, shape, 'int32');
    }
    default:
      return tf.tensor(values instanceof Int32Array ? values : Int32Array.from(values as Int8Array), shape, 'int32');
  }
}
