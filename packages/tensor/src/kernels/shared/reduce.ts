/** Reductions over typed arrays. */

/**
 * Sums the `rows` rows of the row-major matrix `x` [rows, cols] into `out` [cols] (the reduction of a tensor
 * over its leading axes). Accumulates in float64, so the result is the correctly rounded sum for all but
 * pathological inputs.
 */
export function sumRows(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) acc[c] += x[base + c];
  }
  out.set(acc);
}

/**
 * The number of leading axes that `axes` reduces when they are exactly a prefix 0..k-1 of a rank-`rank`
 * tensor that keeps at least one axis (the case a row sum covers); null otherwise.
 */
export function leadingPrefix(axes: number[], rank: number): number | null {
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.length >= rank) return null;
  for (let i = 0; i < sorted.length; i++) if (sorted[i] !== i) return null;
  return sorted.length;
}
