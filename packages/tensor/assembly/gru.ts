// One GRU step with the reset gate after the recurrent product (tf.keras 2's default, reset_after=True; Keras's
// gate order z, r, h; sigmoid gates, tanh candidate) and its gradient, over row-major float32 buffers at byte
// offsets into the heap. `acts` keeps, per batch row, the four vectors the gradient needs: z, r, hh (the
// candidate) and iH (the candidate's part of the recurrent product, bias included).

import { sigmoidf as sigmoid, sigmoidf4, tanhf, tanhf4 } from './math';

/**
 * x [b, 3u] (the step's input projection), inner [b, 3u] (h·U + recurrent bias), h [b, u] -> hNew [b, u],
 * acts [b, 4u]:  z = σ(xZ + iZ), r = σ(xR + iR), hh = tanh(xH + r·iH), hNew = hh + z·(h − hh).
 */
export function gruCell(x: usize, inner: usize, h: usize, hNew: usize, acts: usize, batch: i32, units: i32): void {
  const u = <usize>units;
  for (let b: usize = 0; b < <usize>batch; b++) {
    const xb = x + ((b * 3 * u) << 2), ib = inner + ((b * 3 * u) << 2), ab = acts + ((b * 4 * u) << 2), row = (b * u) << 2;
    let j: usize = 0;
    for (; j + 4 <= u; j += 4) {
      const o4 = j << 2;
      const z = sigmoidf4(f32x4.add(v128.load(xb + o4), v128.load(ib + o4)));
      const r = sigmoidf4(f32x4.add(v128.load(xb + (u << 2) + o4), v128.load(ib + (u << 2) + o4)));
      const iH = v128.load(ib + (u << 3) + o4);
      const hh = tanhf4(f32x4.add(v128.load(xb + (u << 3) + o4), f32x4.mul(r, iH)));
      const hp = v128.load(h + row + o4);
      v128.store(hNew + row + o4, f32x4.add(hh, f32x4.mul(z, f32x4.sub(hp, hh))));
      v128.store(ab + o4, z);
      v128.store(ab + (u << 2) + o4, r);
      v128.store(ab + (u << 3) + o4, hh);
      v128.store(ab + ((3 * u) << 2) + o4, iH);
    }
    for (; j < u; j++) {
      const o4 = j << 2;
      const z = sigmoid(load<f32>(xb + o4) + load<f32>(ib + o4));
      const r = sigmoid(load<f32>(xb + (u << 2) + o4) + load<f32>(ib + (u << 2) + o4));
      const iH = load<f32>(ib + (u << 3) + o4);
      const hh = tanhf(load<f32>(xb + (u << 3) + o4) + r * iH);
      const hp = load<f32>(h + row + o4);
      store<f32>(hNew + row + o4, hh + z * (hp - hh));
      store<f32>(ab + o4, z);
      store<f32>(ab + (u << 2) + o4, r);
      store<f32>(ab + (u << 3) + o4, hh);
      store<f32>(ab + ((3 * u) << 2) + o4, iH);
    }
  }
}

/**
 * dh [b, u] (gradient of hNew), h [b, u] (the previous state), acts [b, 4u] -> dx [b, 3u] (gradient of the input
 * projection), dInner [b, 3u] (of the recurrent product and its bias), dhDirect [b, u] (of h, not through the
 * product: dh·z; the caller adds dInner·Uᵀ).
 */
export function gruCellGrad(dh: usize, h: usize, acts: usize, dx: usize, dInner: usize, dhDirect: usize, batch: i32, units: i32): void {
  const u = <usize>units;
  for (let b: usize = 0; b < <usize>batch; b++) {
    const ab = acts + ((b * 4 * u) << 2), xb = dx + ((b * 3 * u) << 2), ib = dInner + ((b * 3 * u) << 2), row = (b * u) << 2;
    for (let j: usize = 0; j < u; j++) {
      const o4 = j << 2;
      const z = load<f32>(ab + o4);
      const r = load<f32>(ab + (u << 2) + o4);
      const hh = load<f32>(ab + (u << 3) + o4);
      const iH = load<f32>(ab + ((3 * u) << 2) + o4);
      const g = load<f32>(dh + row + o4);
      const daH = g * (<f32>1 - z) * (<f32>1 - hh * hh);
      const daR = daH * iH * r * (<f32>1 - r);
      const daZ = g * (load<f32>(h + row + o4) - hh) * z * (<f32>1 - z);
      store<f32>(dhDirect + row + o4, g * z);
      store<f32>(xb + o4, daZ);
      store<f32>(xb + (u << 2) + o4, daR);
      store<f32>(xb + (u << 3) + o4, daH);
      store<f32>(ib + o4, daZ);
      store<f32>(ib + (u << 2) + o4, daR);
      store<f32>(ib + (u << 3) + o4, daH * r);
    }
  }
}
