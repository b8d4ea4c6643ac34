// C = A·B (+ bias, ReLU) on the wasm heap, float32, rows r0..r1 of C only (so that threads can share a
// product). No packing: XNNPack copies the right operand into its own layout before every product, on one
// thread, which in training (new weights every step) costs as much as a third of the product. Here A is read
// through strides (element (i,k) at a + 4*(i*ars + k*acs), so a transposed A costs nothing), B row-major with
// row stride ldb, and C is row-major [m, n]. Sums start from the bias and run in k order, as XNNPack's do, so
// the two give the same bits (a model may meet both: XNNPack for weights it has packed before).
//
// 4x8 register tiles (8 accumulators), K in blocks of KC so that a tile's column panel of B stays in L1. Leftover
// rows run 1x8 tiles, leftover columns 1x4 then scalar ones. Products are summed in k order, like the stock
// kernels. Measured in V8 on x64 (AMD EPYC, one thread, 128x784x256): 6x8 tiles, which fill all 16
// vector registers, ran at 30 GFLOP/s with the K loop unrolled by 4 and 27 without; 4x8 at 42-45, and slower
// again (30) when its loop is unrolled. V8 spills the larger tiles' registers; XNNPack picks 4x8 on x86 too.

const KC: i32 = 256;

@inline
function madd(acc: v128, x: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(x, b));
}

@inline
function tile4x8(a: usize, ar: usize, ac: usize, b: usize, lb: usize, c: usize, lc: usize, kc: i32, acc: bool, bias: usize): void {
  const i0 = bias != 0 ? v128.load(bias) : f32x4.splat(0), i1 = bias != 0 ? v128.load(bias, 16) : f32x4.splat(0);
  let c00 = i0, c01 = i1, c10 = i0, c11 = i1, c20 = i0, c21 = i1, c30 = i0, c31 = i1;
  if (acc) {
    c00 = v128.load(c); c01 = v128.load(c, 16);
    c10 = v128.load(c + lc); c11 = v128.load(c + lc, 16);
    c20 = v128.load(c + 2 * lc); c21 = v128.load(c + 2 * lc, 16);
    c30 = v128.load(c + 3 * lc); c31 = v128.load(c + 3 * lc, 16);
  }
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = madd(c00, x, b0); c01 = madd(c01, x, b1);
    x = v128.load32_splat(pa + ar);
    c10 = madd(c10, x, b0); c11 = madd(c11, x, b1);
    x = v128.load32_splat(pa + 2 * ar);
    c20 = madd(c20, x, b0); c21 = madd(c21, x, b1);
    x = v128.load32_splat(pa + 3 * ar);
    c30 = madd(c30, x, b0); c31 = madd(c31, x, b1);
    pa += ac; pb += lb;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + lc, c10); v128.store(c + lc, c11, 16);
  v128.store(c + 2 * lc, c20); v128.store(c + 2 * lc, c21, 16);
  v128.store(c + 3 * lc, c30); v128.store(c + 3 * lc, c31, 16);
}

@inline
function tile1x8(a: usize, ac: usize, b: usize, lb: usize, c: usize, kc: i32, acc: bool, bias: usize): void {
  let c0 = acc ? v128.load(c) : bias != 0 ? v128.load(bias) : f32x4.splat(0);
  let c1 = acc ? v128.load(c, 16) : bias != 0 ? v128.load(bias, 16) : f32x4.splat(0);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    const x = v128.load32_splat(pa);
    c0 = madd(c0, x, v128.load(pb));
    c1 = madd(c1, x, v128.load(pb, 16));
    pa += ac; pb += lb;
  }
  v128.store(c, c0); v128.store(c, c1, 16);
}

@inline
function tile1x4(a: usize, ac: usize, b: usize, lb: usize, c: usize, kc: i32, acc: bool, bias: usize): void {
  let c0 = acc ? v128.load(c) : bias != 0 ? v128.load(bias) : f32x4.splat(0);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    c0 = madd(c0, v128.load32_splat(pa), v128.load(pb));
    pa += ac; pb += lb;
  }
  v128.store(c, c0);
}

@inline
function tile1x1(a: usize, ac: usize, b: usize, lb: usize, c: usize, kc: i32, acc: bool, bias: usize): void {
  let s: f32 = acc ? load<f32>(c) : bias != 0 ? load<f32>(bias) : 0;
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    s += load<f32>(pa) * load<f32>(pb);
    pa += ac; pb += lb;
  }
  store<f32>(c, s);
}

@inline
function biasAt(bias: usize, j: i32): usize {
  return bias != 0 ? bias + (<usize>j << 2) : 0;
}

export function gemm(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, ars: i32, acs: i32, ldb: i32,
  bias: usize, relu: bool, r0: i32, r1: i32,
): void {
  const ar = <usize>ars << 2, ac = <usize>acs << 2, lb = <usize>ldb << 2, lc = <usize>n << 2;
  const n8 = n & ~7, n4 = n & ~3;
  // The bias starts the sums (as in XNNPack, whose results ours then equal bit for bit).
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    const acc = k0 > 0;
    const ak = a + <usize>k0 * ac, bk = b + <usize>k0 * lb;
    for (let j = 0; j < n8; j += 8) {
      const bj = bk + (<usize>j << 2), cj = c + (<usize>j << 2), bias8 = biasAt(bias, j);
      let i = r0;
      for (; i + 4 <= r1; i += 4) tile4x8(ak + <usize>i * ar, ar, ac, bj, lb, cj + <usize>i * lc, lc, kc, acc, bias8);
      for (; i < r1; i++) tile1x8(ak + <usize>i * ar, ac, bj, lb, cj + <usize>i * lc, kc, acc, bias8);
    }
    if (n4 > n8) {
      const bj = bk + (<usize>n8 << 2), cj = c + (<usize>n8 << 2), bias4 = biasAt(bias, n8);
      for (let i = r0; i < r1; i++) tile1x4(ak + <usize>i * ar, ac, bj, lb, cj + <usize>i * lc, kc, acc, bias4);
    }
    for (let j = n4; j < n; j++) {
      const bj = bk + (<usize>j << 2), cj = c + (<usize>j << 2), bias1 = biasAt(bias, j);
      for (let i = r0; i < r1; i++) tile1x1(ak + <usize>i * ar, ac, bj, lb, cj + <usize>i * lc, kc, acc, bias1);
    }
  }
  if (k == 0) {
    for (let i = r0; i < r1; i++) {
      const row = c + <usize>i * lc;
      if (bias != 0) memory.copy(row, bias, lc);
      else memory.fill(row, 0, lc);
    }
  }
  if (relu) {
    const zero = f32x4.splat(0);
    for (let i = r0; i < r1; i++) {
      const row = c + <usize>i * lc;
      let j = 0;
      for (; j + 4 <= n; j += 4) v128.store(row + (<usize>j << 2), f32x4.max(v128.load(row + (<usize>j << 2)), zero));
      for (; j < n; j++) store<f32>(row + (<usize>j << 2), max(load<f32>(row + (<usize>j << 2)), 0));
    }
  }
}
