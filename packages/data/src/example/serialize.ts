/** serializeExample: builds the bytes of a tf.train.Example from plain values (for TFRecordWriter). */
import { ValueError } from '@keras-ts/tensor';
import { ExampleType } from './proto.js';

/** One feature: a list of floats, of int64s (numbers or bigints), or of bytes/strings. */
export type FeatureValue =
  | { floatList: readonly number[] | Float32Array }
  | { int64List: readonly (number | bigint)[] | Int32Array }
  | { bytesList: readonly (Uint8Array | string)[] };

export function serializeExample(features: Record<string, FeatureValue>): Uint8Array {
  const feature: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(features)) {
    if ('floatList' in f) feature[key] = { floatList: { value: Array.from(f.floatList) } };
    else if ('int64List' in f) {
      feature[key] = {
        int64List: {
          value: Array.from(f.int64List as ArrayLike<number | bigint>, (v) => {
            if (typeof v === 'bigint') return v.toString();
            if (!Number.isSafeInteger(v)) throw new ValueError(`serializeExample: feature '${key}' has int64 value ${v}, which is not an integer (use a bigint beyond 2^53).`);
            return v;
          }),
        },
      };
    } else if ('bytesList' in f) {
      feature[key] = { bytesList: { value: f.bytesList.map((b) => (typeof b === 'string' ? new TextEncoder().encode(b) : b)) } };
    } else throw new ValueError(`serializeExample: feature '${key}' must have floatList, int64List or bytesList.`);
  }
  return ExampleType.encode(ExampleType.fromObject({ features: { feature } })).finish();
}
