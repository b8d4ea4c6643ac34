/** Blocked transposes over typed arrays (cache friendly), used by kernels on both backends. */

const BLOCK = 32;

/**
 * Transposes `batch` row-major matrices of `rows x cols` from `src` into `dst` (`batch` matrices of
 * `cols x rows`).
 */
export function transposeBatched(
  src: Float32Array,
  dst: Float32Array,
  batch: number,
  rows: number,
  cols: number,
): void {
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * size;
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = Math.min(r0 + BLOCK, rows);
      for (let c0 = 0; c0 < cols; c0 += BLOCK) {
        const c1 = Math.min(c0 + BLOCK, cols);
        for (let r = r0; r < r1; r++) {
          let s = base + r * cols + c0;
          let d = base + c0 * rows + r;
          for (let c = c0; c < c1; c++) {
            dst[d] = src[s++];
            d += rows;
          }
        }
      }
    }
  }
}
