/**
 * Keys of tensor slices. A tensor that TensorFlow saved in pieces (e.g. under `MaxShardSizePolicy`) has an
 * entry listing its slices, and each slice is stored under a key in TensorFlow's "ordered code": the number 0,
 * the tensor name as an escaped string, the rank, then each dimension's start and length as signed numbers
 * (length -1 for a whole dimension).
 */

/** Unsigned number: a length byte, then the big-endian bytes (none for 0). */
function numIncreasing(v: number): number[] {
  const bytes: number[] = [];
  let x = BigInt(v);
  while (x > 0n) {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  }
  return [bytes.length, ...bytes];
}

/** String: 0x00 escaped as 00 ff, 0xff as ff 00, terminated by 00 01. */
function escapedString(s: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of s) {
    if (b === 0x00) out.push(0x00, 0xff);
    else if (b === 0xff) out.push(0xff, 0x00);
    else out.push(b);
  }
  out.push(0x00, 0x01);
  return out;
}

/** Header bits per encoded length (1..10 bytes) of a signed number. */
const HEADER: Array<[number, number]> = [[0, 0], [0x80, 0], [0xc0, 0], [0xe0, 0], [0xf0, 0], [0xf8, 0], [0xfc, 0], [0xfe, 0], [0xff, 0], [0xff, 0x80], [0xff, 0xc0]];

/** Signed number: length and sign in leading bits, then the value, so that byte order is numeric order. */
function signedNumIncreasing(v: number): number[] {
  const val = BigInt(v);
  const x = val < 0n ? -val - 1n : val;
  let len = 1;
  while (len < 10 && x >= 1n << BigInt(7 * len - 1)) len++;
  const out: number[] = [];
  let y = BigInt.asUintN(80, val);
  for (let i = 0; i < len; i++) {
    out.unshift(Number(y & 0xffn));
    y >>= 8n;
  }
  out[0]! ^= HEADER[len]![0];
  if (len > 1) out[1]! ^= HEADER[len]![1];
  return out;
}

/** The key of one slice of tensor `name`; `extents` are [start, length] per dimension (-1: the whole dimension). */
export function sliceKey(name: string, extents: Array<[number, number]>): Uint8Array {
  return Uint8Array.from([
    ...numIncreasing(0),
    ...escapedString(new TextEncoder().encode(name)),
    ...numIncreasing(extents.length),
    ...extents.flatMap(([start, length]) => [...signedNumIncreasing(start), ...signedNumIncreasing(length)]),
  ]);
}
