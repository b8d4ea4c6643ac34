/**
 * The checkpoint dtypes keras-ts reads and writes, their TensorFlow `DataType` enum values, and the raw
 * (exact, per-dtype) arrays that hold their values.
 */
import { FileFormatError, ValueError } from '@keras-ts/tensor';

export type CheckpointDtype =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'bool'
  | 'string';

/** Exact values of one checkpoint tensor. float16/bfloat16 are decoded to (exactly representable) float32. */
export type RawValues = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint8Array[];

export interface RawTensor {
  dtype: CheckpointDtype;
  shape: number[];
  /** bool as 0/1 bytes; string as the bytes of each element. */
  values: RawValues;
}

const ENUM: Record<CheckpointDtype, number> = {
  float32: 1,
  float64: 2,
  int32: 3,
  uint8: 4,
  int16: 5,
  int8: 6,
  string: 7,
  int64: 9,
  bool: 10,
  bfloat16: 14,
  float16: 19,
};
const BY_ENUM = new Map(Object.entries(ENUM).map(([k, v]) => [v, k as CheckpointDtype]));
const ENUM_NAMES: Record<number, string> = { 8: 'complex64', 17: 'uint16', 18: 'complex128', 20: 'resource', 21: 'variant', 22: 'uint32', 23: 'uint64' };

export const ELEMENT_SIZE: Record<Exclude<CheckpointDtype, 'string'>, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  bool: 1,
};

export const CHECKPOINT_DTYPES = Object.keys(ENUM) as CheckpointDtype[];

export function dtypeToEnum(dtype: CheckpointDtype): number {
  return ENUM[dtype];
}

export function dtypeFromEnum(value: number, file: string, key: string): CheckpointDtype {
  const d = BY_ENUM.get(value);
  if (!d) throw new FileFormatError(`tensor "${key}" has dtype ${ENUM_NAMES[value] ?? `enum ${value}`}, which keras-ts cannot read`, file);
  return d;
}

export function numElements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

// ---- float16 / bfloat16 ------------------------------------------------------------------------------------
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function halfBitsToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function floatToHalfBits(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    let half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

function bfloatBitsToFloat(b: number): number {
  u32[0] = b << 16;
  return f32[0]!;
}

function floatToBfloatBits(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  if (Number.isNaN(v)) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

// ---- encode / decode ----------------------------------------------------------------------------------------

/** The little-endian bytes of a numeric or bool tensor. */
export function encodeNumeric(raw: RawTensor): Uint8Array {
  const { dtype, values } = raw;
  if (dtype === 'string' || Array.isArray(values)) throw new ValueError(`encodeNumeric got a ${dtype} tensor`);
  if (dtype === 'float16' || dtype === 'bfloat16') {
    const out = new Uint16Array(values.length);
    const conv = dtype === 'float16' ? floatToHalfBits : floatToBfloatBits;
    for (let i = 0; i < values.length; i++) out[i] = conv(Number(values[i]));
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Decodes numeric or bool data of exactly `count` elements (the caller checked the size). */
export function decodeNumeric(dtype: Exclude<CheckpointDtype, 'string'>, bytes: Uint8Array, count: number): Exclude<RawValues, Uint8Array[]> {
  const buf = bytes.slice().buffer;
  switch (dtype) {
    case 'float32':
      return new Float32Array(buf, 0, count);
    case 'float64':
      return new Float64Array(buf, 0, count);
    case 'int8':
      return new Int8Array(buf, 0, count);
    case 'int16':
      return new Int16Array(buf, 0, count);
    case 'int32':
      return new Int32Array(buf, 0, count);
    case 'int64':
      return new BigInt64Array(buf, 0, count);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buf, 0, count);
    case 'float16':
    case 'bfloat16': {
      const bits = new Uint16Array(buf, 0, count);
      const conv = dtype === 'float16' ? halfBitsToFloat : bfloatBitsToFloat;
      return Float32Array.from(bits, (b) => conv(b));
    }
  }
}

/** Rounds `v` to the nearest float16 / bfloat16 value (what a write of that dtype stores). */
export function roundTo(dtype: 'float16' | 'bfloat16', v: number): number {
  return dtype === 'float16' ? halfBitsToFloat(floatToHalfBits(v)) : bfloatBitsToFloat(floatToBfloatBits(v));
}
