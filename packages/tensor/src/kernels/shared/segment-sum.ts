/** Unsorted segment sum as a scatter-add over typed arrays (TF semantics: out-of-range ids are dropped). */

/**
 * out[segmentIds[i], j] += x[i, j] for `ids.length` rows of `inner` values each; `out` (numSegments x inner)
 * must be zeroed by the caller.
 */
export function unsortedSegmentSum(
  x: Float32Array | Int32Array,
  ids: Int32Array | Float32Array,
  inner: number,
  numSegments: number,
  out: Float32Array | Int32Array,
): void {
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
}

/** Output shape and row width of `UnsortedSegmentSum(x, segmentIds, numSegments)`. */
export function segmentSumShape(xShape: number[], idsShape: number[], numSegments: number): { shape: number[]; inner: number } {
  const rest = xShape.slice(idsShape.length);
  return { shape: [numSegments, ...rest], inner: rest.reduce((a, b) => a * b, 1) };
}
