// The gradient through ReLU from its output y: dz = dy * step(y), elements e0..e1 (threads share the range),
// exactly as tfjs's mul(dy, step(y)): step is 1 where y > 0, 0 elsewhere, NaN where y is NaN, and the product
// then gives -0, NaN for infinite dy, and NaN for a NaN y like the two ops did.

export function reluGrad(dy: usize, y: usize, dz: usize, e0: i32, e1: i32): void {
  const one = f32x4.splat(1), zero = f32x4.splat(0), nan = f32x4.splat(NaN);
  let i = e0;
  for (; i + 4 <= e1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(y + o);
    let s = v128.bitselect(one, zero, f32x4.gt(v, zero));
    s = v128.bitselect(nan, s, f32x4.ne(v, v));
    v128.store(dz + o, f32x4.mul(v128.load(dy + o), s));
  }
  for (; i < e1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(y + o);
    const s: f32 = v != v ? NaN : v > 0 ? 1 : 0;
    store<f32>(dz + o, load<f32>(dy + o) * s);
  }
}
