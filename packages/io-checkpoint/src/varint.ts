/** Little-endian base-128 varints (LevelDB/protobuf style), with bounds checks on read. */

/** Appends the varint encoding of a non-negative safe integer to `out`. */
export function putVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint value must be a non-negative safe integer, got ${value}`);
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A decoded varint and the offset just after it; null when the bytes end early or it is too long. */
export function getVarint(buf: Uint8Array, offset: number, limit: number = buf.length): { value: number; next: number } | null {
  let result = 0;
  let scale = 1;
  for (let i = offset; i < limit && i < offset + 10; i++) {
    const b = buf[i]!;
    result += (b & 0x7f) * scale;
    if (!(b & 0x80)) {
      if (!Number.isSafeInteger(result)) return null;
      return { value: result, next: i + 1 };
    }
    scale *= 0x80;
  }
  return null;
}
