// Transposes `batch` row-major float32 matrices [rows, cols] at `src` into [cols, rows] at `dst` (byte
// offsets into the heap), in 32x32 tiles of 4x4 SIMD blocks; edges element by element.

const TILE = 32;

@inline
function block4(src: usize, dst: usize, rows: usize, cols: usize, r: usize, c: usize): void {
  const s = src + ((r * cols + c) << 2);
  const a = v128.load(s);
  const b = v128.load(s + (cols << 2));
  const cc = v128.load(s + (cols << 3));
  const d = v128.load(s + (cols * 12));
  const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(cc, d, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(cc, d, 2, 6, 3, 7);
  const o = dst + ((c * rows + r) << 2);
  v128.store(o, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(o + (rows << 2), v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(o + (rows << 3), v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(o + (rows * 12), v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

export function transpose(src: usize, dst: usize, batch: i32, rows: i32, cols: i32): void {
  const R = <usize>rows, C = <usize>cols;
  const size = (R * C) << 2;
  const R4 = R & ~3, C4 = C & ~3;
  for (let n = 0; n < batch; n++) {
    const s = src + <usize>n * size, d = dst + <usize>n * size;
    for (let r0: usize = 0; r0 < R4; r0 += TILE) {
      const r1 = min(r0 + TILE, R4);
      for (let c0: usize = 0; c0 < C4; c0 += TILE) {
        const c1 = min(c0 + TILE, C4);
        for (let r = r0; r < r1; r += 4) for (let c = c0; c < c1; c += 4) block4(s, d, R, C, r, c);
      }
    }
    // The right edge (columns C4..C) of every row, then the bottom rows (R4..R) of the left part.
    for (let r: usize = 0; r < R; r++) for (let c = C4; c < C; c++) store<f32>(d + ((c * R + r) << 2), load<f32>(s + ((r * C + c) << 2)));
    for (let r = R4; r < R; r++) for (let c: usize = 0; c < C4; c++) store<f32>(d + ((c * R + r) << 2), load<f32>(s + ((r * C + c) << 2)));
  }
}
