// Adam's in-place update of one variable. Pointers are byte offsets into the wasm backend's heap (which this
// module imports as its memory). Every operation is one float32 operation, in the op-by-op update's order, so
// the result is bitwise that of the op-by-op update:
//   m += (g - m) * c1;  v += (g*g - v) * c2;  (amsgrad: vHat = max(vHat, v), v = vHat)
//   p -= (m * alpha) / (sqrt(v) + eps)

@inline
function adamAt(p: usize, g: usize, m: usize, v: usize, h: usize, o: usize, a4: v128, c14: v128, c24: v128, e4: v128): void {
  const gi = v128.load(g + o);
  const m0 = v128.load(m + o);
  const v0 = v128.load(v + o);
  const m1 = f32x4.add(m0, f32x4.mul(f32x4.sub(gi, m0), c14));
  let v1 = f32x4.add(v0, f32x4.mul(f32x4.sub(f32x4.mul(gi, gi), v0), c24));
  v128.store(m + o, m1);
  v128.store(v + o, v1);
  if (h != 0) {
    v1 = f32x4.max(v128.load(h + o), v1);
    v128.store(h + o, v1);
  }
  const step = f32x4.div(f32x4.mul(m1, a4), f32x4.add(f32x4.sqrt(v1), e4));
  v128.store(p + o, f32x4.sub(v128.load(p + o), step));
}

/** `h` is the vHat buffer with amsgrad, 0 without. */
export function adam(p: usize, g: usize, m: usize, v: usize, h: usize, n: i32, alpha: f32, c1: f32, c2: f32, eps: f32): void {
  const a4 = f32x4.splat(alpha), c14 = f32x4.splat(c1), c24 = f32x4.splat(c2), e4 = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) adamAt(p, g, m, v, h, <usize>i << 2, a4, c14, c24, e4);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const m0 = load<f32>(m + o);
    const v0 = load<f32>(v + o);
    const m1 = m0 + (gi - m0) * c1;
    let v1 = v0 + (gi * gi - v0) * c2;
    store<f32>(m + o, m1);
    store<f32>(v + o, v1);
    if (h != 0) {
      v1 = Mathf.max(load<f32>(h + o), v1);
      store<f32>(h + o, v1);
    }
    store<f32>(p + o, load<f32>(p + o) - (m1 * alpha) / (Mathf.sqrt(v1) + eps));
  }
}
