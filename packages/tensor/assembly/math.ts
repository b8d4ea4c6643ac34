// exp and tanh for float32 without lookup tables: AssemblyScript's own Mathf.exp/tanh carry tables as data
// segments, and a data segment would be written into the backend's heap (this module owns no memory).
// Cephes's single-precision approximations (range reduction + polynomial), accurate to a couple of ulp.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** e^x; clamped to [e^-87, e^88] (below that the results this module needs are 0 or 1 in float32 anyway). */
@inline
export function expf(x: f32): f32 {
  x = min<f32>(max<f32>(x, -87), 88);
  const n = nearest<f32>(x * LOG2E);
  const r = x - n * LN2_HI - n * LN2_LO;
  let p: f32 = 1.9875691500e-4;
  p = p * r + 1.3981999507e-3;
  p = p * r + 8.3334519073e-3;
  p = p * r + 4.1665795894e-2;
  p = p * r + 1.6666665459e-1;
  p = p * r + 5.0000001201e-1;
  const y = p * r * r + r + 1;
  return y * reinterpret<f32>((<i32>n + 127) << 23);
}

@inline
export function sigmoidf(x: f32): f32 {
  return <f32>1 / (<f32>1 + expf(-x));
}

export function tanhf(x: f32): f32 {
  const a = abs<f32>(x);
  if (a < 0.625) {
    const z = x * x;
    let p: f32 = -5.70498872745e-3;
    p = p * z + 2.06390887954e-2;
    p = p * z - 5.37397155531e-2;
    p = p * z + 1.33314422036e-1;
    p = p * z - 3.33332819422e-1;
    return x + x * z * p;
  }
  if (a > 9) return x > 0 ? 1 : -1;
  const t = <f32>1 - <f32>2 / (expf(a + a) + 1);
  return x > 0 ? t : -t;
}

// The same functions on four lanes.

@inline
export function expf4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87)), f32x4.splat(88));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

@inline
export function sigmoidf4(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, expf4(f32x4.neg(x))));
}

@inline
export function tanhf4(x: v128): v128 {
  const a = f32x4.abs(x);
  // |x| < 0.625: odd polynomial.
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.sub(f32x4.mul(p, z), f32x4.splat(5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.sub(f32x4.mul(p, z), f32x4.splat(3.33332819422e-1));
  const small = f32x4.add(x, f32x4.mul(f32x4.mul(x, z), p));
  // Otherwise 1 - 2 / (e^2|x| + 1) with the sign of x (1 in float32 from |x| > 9 on).
  const t = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expf4(f32x4.add(a, a)), f32x4.splat(1))));
  const signBit = i32x4.splat(0x80000000);
  const large = v128.or(t, v128.and(x, signBit));
  return v128.bitselect(small, large, f32x4.lt(a, f32x4.splat(0.625)));
}
