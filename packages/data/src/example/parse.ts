/**
 * parseSingleExample / parseExample: tf.io.parse_single_example and tf.io.parse_example for serialized
 * tf.train.Example protos. FixedLenFeature gives dense tensors, VarLenFeature gives SparseTensorValue dicts.
 */
import * as tf from '@keras-ts/tensor';
import { FileFormatError, ValueError } from '@keras-ts/tensor';
import { ExampleType, type ExampleMessage, type FeatureMessage, type Int64 } from './proto.js';
import { FixedLenFeature, kindOf, tensorDType, VarLenFeature, type FeatureSpec, type SparseTensorValue } from './features.js';
import { stringBytes } from '../tensors.js';

export type ParsedFeatures = Record<string, tf.Tensor | SparseTensorValue>;
type Values = number[] | Uint8Array[];

const KIND_NAMES = { floatList: 'float', int64List: 'int64', bytesList: 'string' } as const;

function decode(bytes: Uint8Array, index: number | null): ExampleMessage {
  try {
    return ExampleType.decode(bytes) as unknown as ExampleMessage;
  } catch (e) {
    const where = index === null ? '' : ` (example ${index} of the batch)`;
    throw new FileFormatError(`Could not parse a serialized tf.train.Example${where}: ${(e as Error).message}`);
  }
}

function int64ToInt32(v: Int64, key: string): number {
  if (typeof v === 'number') {
    if (v < -2147483648 || v > 2147483647) throw rangeError(String(v), key);
    return v;
  }
  if (v.high !== v.low >> 31) throw rangeError(v.toString(), key);
  return v.low;
}

function rangeError(v: string, key: string): ValueError {
  return new ValueError(`Key: ${key}. The int64 value ${v} does not fit in int32 (keras-ts parses int64 features to int32 tensors).`);
}

/** The values of feature `key` for `spec`, or null when missing; checks the kind. */
function featureValues(msg: ExampleMessage, key: string, spec: FeatureSpec): Values | null {
  const f: FeatureMessage | undefined = msg.features?.feature?.[key];
  if (!f) return null;
  const want = kindOf(spec.dtype);
  const has = f.floatList ? 'floatList' : f.int64List ? 'int64List' : f.bytesList ? 'bytesList' : null;
  if (has === null) return [] as number[]; // a Feature with no kind set is an empty list
  if (has !== want) throw new ValueError(`Key: ${key}. Data types don't match. Data type: ${KIND_NAMES[has]} but expected type: ${KIND_NAMES[want]}.`);
  if (want === 'floatList') return [...(f.floatList!.value ?? [])];
  if (want === 'int64List') return (f.int64List!.value ?? []).map((v) => int64ToInt32(v, key));
  return [...(f.bytesList!.value ?? [])];
}

function fixedValues(msg: ExampleMessage, key: string, spec: FixedLenFeature): Values {
  const vals = featureValues(msg, key, spec);
  if (vals === null) {
    const d = spec.defaults();
    if (d === undefined) throw new ValueError(`Feature: ${key} (data type: ${KIND_NAMES[kindOf(spec.dtype)]}) is required but could not be found.`);
    return spec.dtype === 'string' ? d.map((s) => new TextEncoder().encode(String(s))) : d.map(Number);
  }
  if (vals.length !== spec.size) {
    throw new ValueError(`Key: ${key}. Can't parse serialized Example: Number of ${KIND_NAMES[kindOf(spec.dtype)]} values != expected. Values size: ${vals.length} but output shape: [${spec.shape.join(', ')}].`);
  }
  return vals;
}

function makeTensor(vals: Values, shape: number[], dtype: tf.DataType): tf.Tensor {
  if (dtype === 'string') return tf.tensor(vals as Uint8Array[], shape, 'string');
  return tf.tensor(dtype === 'int32' ? Int32Array.from(vals as number[]) : Float32Array.from(vals as number[]), shape, dtype);
}

function checkSpecs(features: Record<string, FeatureSpec>): void {
  if (typeof features !== 'object' || features === null) throw new ValueError('parseExample: features must be a dict of FixedLenFeature/VarLenFeature.');
  for (const [k, s] of Object.entries(features)) {
    if (!(s instanceof FixedLenFeature) && !(s instanceof VarLenFeature)) {
      throw new ValueError(`parseExample: feature '${k}' must be a FixedLenFeature or VarLenFeature, but received ${typeof s}.`);
    }
  }
}

/** The serialized bytes of the given record(s). */
function serializedList(serialized: Uint8Array | readonly Uint8Array[] | tf.Tensor, what: string): Uint8Array[] {
  if (serialized instanceof tf.Tensor) {
    if (serialized.dtype !== 'string') throw new ValueError(`${what}: serialized must be a string tensor, but received a ${serialized.dtype} tensor.`);
    return stringBytes(serialized);
  }
  if (serialized instanceof Uint8Array) return [serialized];
  if (Array.isArray(serialized)) return serialized as Uint8Array[];
  throw new ValueError(`${what}: serialized must be bytes (Uint8Array), a list of them, or a string tensor.`);
}

/** Parses one serialized tf.train.Example (bytes or a scalar string tensor; the tensor is not disposed). */
export function parseSingleExample(serialized: Uint8Array | tf.Tensor, features: Record<string, FeatureSpec>): ParsedFeatures {
  checkSpecs(features);
  if (serialized instanceof tf.Tensor && serialized.rank !== 0) {
    throw new ValueError(`parseSingleExample: serialized must be a scalar string tensor, but received shape [${serialized.shape.join(', ')}]; use parseExample for a batch.`);
  }
  const msg = decode(serializedList(serialized, 'parseSingleExample')[0]!, null);
  const out: ParsedFeatures = {};
  try {
    for (const [key, spec] of Object.entries(features)) {
      const dtype = tensorDType(spec.dtype);
      if (spec instanceof FixedLenFeature) {
        out[key] = makeTensor(fixedValues(msg, key, spec), [...spec.shape], dtype);
      } else {
        const vals = featureValues(msg, key, spec) ?? [];
        out[key] = {
          indices: tf.tensor2d(Int32Array.from(vals.map((_, i) => i)), [vals.length, 1], 'int32'),
          values: makeTensor(vals, [vals.length], dtype),
          denseShape: tf.tensor1d([vals.length], 'int32'),
        };
      }
    }
  } catch (e) {
    tf.dispose(out as never);
    throw e;
  }
  return out;
}

/** Parses a batch of serialized tf.train.Examples (a 1-D string tensor or a list of bytes). */
export function parseExample(serialized: readonly Uint8Array[] | tf.Tensor, features: Record<string, FeatureSpec>): ParsedFeatures {
  checkSpecs(features);
  if (serialized instanceof tf.Tensor && serialized.rank !== 1) {
    throw new ValueError(`parseExample: serialized must be a 1-D string tensor (a batch), but received shape [${serialized.shape.join(', ')}]; use parseSingleExample for one.`);
  }
  const list = serializedList(serialized as tf.Tensor, 'parseExample');
  const msgs = list.map((b, i) => decode(b, i));
  const out: ParsedFeatures = {};
  try {
    for (const [key, spec] of Object.entries(features)) {
      const dtype = tensorDType(spec.dtype);
      if (spec instanceof FixedLenFeature) {
        const all: (number | Uint8Array)[] = [];
        for (const m of msgs) all.push(...fixedValues(m, key, spec));
        out[key] = makeTensor(all as Values, [msgs.length, ...spec.shape], dtype);
      } else {
        const idx: number[] = [];
        const all: (number | Uint8Array)[] = [];
        let maxLen = 0;
        msgs.forEach((m, b) => {
          const vals = featureValues(m, key, spec) ?? [];
          vals.forEach((v, i) => {
            idx.push(b, i);
            all.push(v);
          });
          maxLen = Math.max(maxLen, vals.length);
        });
        out[key] = {
          indices: tf.tensor2d(Int32Array.from(idx), [all.length, 2], 'int32'),
          values: makeTensor(all as Values, [all.length], dtype),
          denseShape: tf.tensor1d([msgs.length, maxLen], 'int32'),
        };
      }
    }
  } catch (e) {
    tf.dispose(out as never);
    throw e;
  }
  return out;
}
