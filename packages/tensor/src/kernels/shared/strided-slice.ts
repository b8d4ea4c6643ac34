/** Copying a box (begin, size) out of a row-major array, one contiguous run at a time. */

/**
 * Copies the box `[begin, begin + size)` of the row-major tensor `src` of shape `shape` into `dst` (row-major
 * `size`). Trailing axes taken whole merge into one run, so a slice of a leading axis is a single copy.
 */
export function copyBox<T extends Float32Array | Int32Array | Uint8Array>(
  src: T,
  shape: number[],
  begin: number[],
  size: number[],
  dst: T,
): void {
  const rank = shape.length;
  if (rank === 0) {
    dst[0] = src[0]!;
    return;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  // The last axis k that is not taken whole: runs of size[k] * strides[k] contiguous elements.
  let k = rank - 1;
  while (k > 0 && begin[k] === 0 && size[k] === shape[k]) k--;
  const run = size[k]! * strides[k]!;
  let count = 1;
  for (let i = 0; i < k; i++) count *= size[i]!;
  if (run === 0 || count === 0) return;
  const idx = new Array<number>(k).fill(0);
  let base = begin[k]! * strides[k]!;
  for (let i = 0; i < k; i++) base += begin[i]! * strides[i]!;
  let off = base;
  for (let o = 0, d = 0; o < count; o++, d += run) {
    if (run >= 16) dst.set(src.subarray(off, off + run) as never, d);
    else for (let j = 0; j < run; j++) dst[d + j] = src[off + j]!;
    // Next outer index (odometer over axes k-1..0).
    for (let i = k - 1; i >= 0; i--) {
      off += strides[i]!;
      if (++idx[i]! < size[i]!) break;
      off -= size[i]! * strides[i]!;
      idx[i] = 0;
    }
  }
}
