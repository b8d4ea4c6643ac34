/** Feature specs for parsing tf.train.Example (tf.io.FixedLenFeature, tf.io.VarLenFeature). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';

/** The dtypes a feature can parse to; 'int64' values become int32 tensors (tfjs has no int64). */
export type FeatureDType = 'float32' | 'int64' | 'int32' | 'string';

function checkDType(dtype: string, what: string): FeatureDType {
  if (dtype === 'float32' || dtype === 'int64' || dtype === 'int32' || dtype === 'string') return dtype;
  throw new ValueError(`${what}: dtype must be 'float32', 'int64' (parsed to int32), 'int32' or 'string', but received '${dtype}'.`);
}

/** The Feature kind ('float_list', 'int64_list', 'bytes_list') that a dtype reads. */
export function kindOf(dtype: FeatureDType): 'floatList' | 'int64List' | 'bytesList' {
  return dtype === 'float32' ? 'floatList' : dtype === 'string' ? 'bytesList' : 'int64List';
}

/** The tensor dtype a feature dtype produces. */
export function tensorDType(dtype: FeatureDType): tf.DataType {
  return dtype === 'float32' ? 'float32' : dtype === 'string' ? 'string' : 'int32';
}

/** A feature with a fixed number of values, parsed to a dense tensor of `shape` (tf.io.FixedLenFeature). */
export class FixedLenFeature {
  readonly dtype: FeatureDType;
  readonly size: number;

  constructor(
    readonly shape: readonly number[],
    dtype: FeatureDType,
    /** Used when the feature is missing: one value (broadcast) or `size` values. */
    readonly defaultValue?: number | string | readonly (number | string)[],
  ) {
    this.dtype = checkDType(dtype, 'FixedLenFeature');
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new ValueError(`FixedLenFeature: shape must be a list of non-negative integers, but received ${JSON.stringify(shape)}.`);
    }
    this.size = shape.reduce((a, b) => a * b, 1);
    if (Array.isArray(defaultValue) && defaultValue.length !== this.size && defaultValue.length !== 1) {
      throw new ValueError(`FixedLenFeature: defaultValue has ${defaultValue.length} values, but shape [${shape.join(', ')}] needs ${this.size}.`);
    }
  }

  /** The default values expanded to `size` entries, or undefined when there is no default. */
  defaults(): (number | string)[] | undefined {
    if (this.defaultValue === undefined) return undefined;
    const d = Array.isArray(this.defaultValue) ? this.defaultValue : [this.defaultValue as number | string];
    return d.length === this.size ? [...d] : new Array(this.size).fill(d[0]);
  }
}

/** A feature with any number of values, parsed to a sparse tensor (tf.io.VarLenFeature). */
export class VarLenFeature {
  readonly dtype: FeatureDType;

  constructor(dtype: FeatureDType) {
    this.dtype = checkDType(dtype, 'VarLenFeature');
  }
}

export type FeatureSpec = FixedLenFeature | VarLenFeature;

/**
 * A sparse tensor as three dense tensors, like tf.SparseTensor: `indices` (int32 [n, rank]), `values` ([n]) and
 * `denseShape` (int32 [rank]). A plain dict, so that pipelines dispose it like any element.
 */
export interface SparseTensorValue {
  indices: tf.Tensor;
  values: tf.Tensor;
  denseShape: tf.Tensor;
}
