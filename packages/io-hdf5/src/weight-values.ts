/**
 * Weights as plain data, the shape in which every file format of this package hands them over: no tensors,
 * so that reading a file allocates nothing on a backend and a caller decides what to build.
 */
import { FileFormatError } from '@keras-ts/tensor';
import type { H5Data, H5Dataset, H5Dtype } from './h5/tree.js';

export type WeightDtype = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

export type WeightData = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

export interface WeightValue {
  /** The name as stored, e.g. 'dense/kernel:0' (Keras 2) or '0' (Keras 3). */
  name: string;
  shape: number[];
  dtype: WeightDtype;
  /** Row-major, `shape` elements. */
  data: WeightData;
}

export interface LayerWeights {
  layerName: string;
  weights: WeightValue[];
}

export function weightDtypeOf(dtype: H5Dtype): WeightDtype | null {
  if (dtype.class === 'float') return dtype.size === 4 ? 'float32' : dtype.size === 8 ? 'float64' : null;
  if (dtype.class === 'int' || dtype.class === 'uint') {
    const bits = dtype.size * 8;
    if (![8, 16, 32, 64].includes(bits)) return null;
    return `${dtype.class}${bits}` as WeightDtype;
  }
  return null;
}

export function h5DtypeOf(dtype: WeightDtype): H5Dtype {
  if (dtype === 'bool') return { class: 'uint', size: 1 };
  if (dtype === 'float32' || dtype === 'float64') return { class: 'float', size: dtype === 'float32' ? 4 : 8 };
  const m = /^(u?int)(\d+)$/.exec(dtype)!;
  return { class: m[1] as 'int' | 'uint', size: Number(m[2]) / 8 };
}

/** The dataset's values as a {@link WeightValue}; throws FileFormatError when it holds no numbers. */
export function weightFromDataset(ds: H5Dataset, name: string, where: string, source?: string): WeightValue {
  const dtype = weightDtypeOf(ds.dtype);
  if (!dtype || ds.data === null || Array.isArray(ds.data)) {
    throw new FileFormatError(`weight "${name}" of ${where} has datatype ${JSON.stringify(ds.dtype)}; expected a float or integer array`, source);
  }
  const count = ds.shape.reduce((a, b) => a * b, 1);
  if ((ds.data as H5Data).length !== count) {
    throw new FileFormatError(`weight "${name}" of ${where} holds ${(ds.data as H5Data).length} values for shape [${ds.shape.join(', ')}]`, source);
  }
  return { name, shape: [...ds.shape], dtype, data: ds.data as WeightData };
}
