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
