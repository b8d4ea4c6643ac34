// The gradient of 2D max pooling (NHWC) for windows that do not overlap (stride >= window, no dilation: every
// input element lies in at most one window), over output rows r0..r1 of (batch * outH) so that threads can
// share it (their dx rows are disjoint). Four channels at a time: the winner of each window is tracked with
// float compares, so the first maximum in scan order wins, a NaN in the first tap sticks and a later NaN never
// wins, as in tfjs. Each output row first zeroes the input rows it owns (the rows of its stride band; the
// first and last also own the rows before and after every window), then writes dy to the winners.

@inline
function f32x4Splat(x: f32): v128 {
  return f32x4.splat(x);
}

export function maxPoolGrad(
  x: usize, dy: usize, dx: usize, inH: i32, inW: i32, C: i32, outH: i32, outW: i32,
  fH: i32, fW: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32, r0: i32, r1: i32,
): void {
  const rowBytes = <usize>inW * <usize>C << 2;
  const imgBytes = <usize>inH * rowBytes;
  const C4 = C & ~3;
  const zero = f32x4Splat(0);
  for (let r = r0; r < r1; r++) {
    const n = r / outH, oh = r % outH;
    const img = <usize>n * imgBytes;
    // zero the input rows this output row owns
    let own0 = oh * strideH - padTop, own1 = own0 + strideH;
    if (oh == 0) own0 = 0;
    if (oh == outH - 1) own1 = inH;
    own0 = max(own0, 0); own1 = min(own1, inH);
    if (own1 > own0) memory.fill(dx + img + <usize>own0 * rowBytes, 0, <usize>(own1 - own0) * rowBytes);
    const ih0 = oh * strideH - padTop;
    const kh0 = max(0, -ih0), kh1 = min(fH, inH - ih0);
    if (kh1 <= kh0) continue;
    for (let ow = 0; ow < outW; ow++) {
      const iw0 = ow * strideW - padLeft;
      const kw0 = max(0, -iw0), kw1 = min(fW, inW - iw0);
      if (kw1 <= kw0) continue;
      const g = dy + ((<usize>r * <usize>outW + <usize>ow) * <usize>C << 2);
      const first = img + <usize>(ih0 + kh0) * rowBytes + (<usize>(iw0 + kw0) * <usize>C << 2);
      for (let c = 0; c < C4; c += 4) {
        const cb = <usize>c << 2;
        let best = v128.load(x + first + cb);
        let which = i32x4.splat(0);
        let t = 0;
        for (let kh = kh0; kh < kh1; kh++) {
          const row = img + <usize>(ih0 + kh) * rowBytes + cb;
          for (let kw = kw0; kw < kw1; kw++, t++) {
            if (t == 0) continue;
            const v = v128.load(x + row + (<usize>(iw0 + kw) * <usize>C << 2));
            const m = f32x4.gt(v, best);
            best = v128.bitselect(v, best, m);
            which = v128.bitselect(i32x4.splat(t), which, m);
          }
        }
        const gv = v128.load(g + cb);
        t = 0;
        for (let kh = kh0; kh < kh1; kh++) {
          const row = img + <usize>(ih0 + kh) * rowBytes + cb;
          for (let kw = kw0; kw < kw1; kw++, t++) {
            v128.store(dx + row + (<usize>(iw0 + kw) * <usize>C << 2), v128.bitselect(gv, zero, i32x4.eq(which, i32x4.splat(t))));
          }
        }
      }
      for (let c = C4; c < C; c++) {
        const cb = <usize>c << 2;
        let best = load<f32>(x + first + cb);
        let where = first + cb;
        for (let kh = kh0; kh < kh1; kh++) {
          const row = img + <usize>(ih0 + kh) * rowBytes + cb;
          for (let kw = kw0; kw < kw1; kw++) {
            const at = row + (<usize>(iw0 + kw) * <usize>C << 2);
            const v = load<f32>(x + at);
            if (v > best) { best = v; where = at; }
          }
        }
        store<f32>(dx + where, load<f32>(g + cb));
      }
    }
  }
}
