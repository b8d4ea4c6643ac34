/** Test data: one tensor of every checkpoint dtype, with edge values (extremes, -0, NaN, subnormals, empty). */
import type { RawTensor } from '../dtypes.js';

const utf8 = new TextEncoder();

export const EVERY_DTYPE: Record<string, RawTensor> = {
  f32: { dtype: 'float32', shape: [2, 3], values: Float32Array.of(1.5, -0, Infinity, -3.4e38, 1e-45, NaN) },
  f64: { dtype: 'float64', shape: [3], values: Float64Array.of(Math.PI, -1e300, 5e-324) },
  f16: { dtype: 'float16', shape: [2, 3], values: Float32Array.of(1, -2.5, 65504, 6.103515625e-5, 5.960464477539063e-8, -Infinity) },
  bf16: { dtype: 'bfloat16', shape: [4], values: Float32Array.of(1, -2.5, 0.15625, 2 ** 100) },
  i8: { dtype: 'int8', shape: [3], values: Int8Array.of(-128, 127, 0) },
  i16: { dtype: 'int16', shape: [1, 2], values: Int16Array.of(-32768, 32767) },
  i32: { dtype: 'int32', shape: [2], values: Int32Array.of(-2147483648, 2147483647) },
  i64: { dtype: 'int64', shape: [3], values: BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n, 0n) },
  u8: { dtype: 'uint8', shape: [2], values: Uint8Array.of(0, 255) },
  b: { dtype: 'bool', shape: [3], values: Uint8Array.of(1, 0, 1) },
  s: { dtype: 'string', shape: [2, 2], values: [utf8.encode(''), utf8.encode('héllo'), Uint8Array.of(0, 255, 10), utf8.encode('x'.repeat(300))] },
  scalar: { dtype: 'float32', shape: [], values: Float32Array.of(42) },
  empty: { dtype: 'int32', shape: [0, 4], values: new Int32Array(0) },
};
