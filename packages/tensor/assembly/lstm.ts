// One LSTM step (Keras gate order i, f, c, o; sigmoid gates, tanh cell activation) and its gradient, over
// row-major float32 buffers at byte offsets into the heap. `acts` keeps, per batch row, the five vectors the
// gradient needs: i, f, g = tanh(zc), o, tanh(c').

import { sigmoidf as sigmoid, sigmoidf4, tanhf, tanhf4 } from './math';

/** z [b, 4u], c [b, u] -> h [b, u], cNew [b, u], acts [b, 5u]. */
export function lstmCell(z: usize, c: usize, h: usize, cNew: usize, acts: usize, batch: i32, units: i32): void {
  const u = <usize>units;
  for (let b: usize = 0; b < <usize>batch; b++) {
    const zb = z + ((b * 4 * u) << 2), ab = acts + ((b * 5 * u) << 2), row = (b * u) << 2;
    let j: usize = 0;
    for (; j + 4 <= u; j += 4) {
      const o4 = j << 2;
      const i = sigmoidf4(v128.load(zb + o4));
      const f = sigmoidf4(v128.load(zb + (u << 2) + o4));
      const g = tanhf4(v128.load(zb + (u << 3) + o4));
      const o = sigmoidf4(v128.load(zb + ((3 * u) << 2) + o4));
      const cn = f32x4.add(f32x4.mul(f, v128.load(c + row + o4)), f32x4.mul(i, g));
      const tc = tanhf4(cn);
      v128.store(cNew + row + o4, cn);
      v128.store(h + row + o4, f32x4.mul(o, tc));
      v128.store(ab + o4, i);
      v128.store(ab + (u << 2) + o4, f);
      v128.store(ab + (u << 3) + o4, g);
      v128.store(ab + ((3 * u) << 2) + o4, o);
      v128.store(ab + ((4 * u) << 2) + o4, tc);
    }
    for (; j < u; j++) {
      const o4 = j << 2;
      const i = sigmoid(load<f32>(zb + o4));
      const f = sigmoid(load<f32>(zb + (u << 2) + o4));
      const g = tanhf(load<f32>(zb + (u << 3) + o4));
      const o = sigmoid(load<f32>(zb + ((3 * u) << 2) + o4));
      const cn = f * load<f32>(c + row + o4) + i * g;
      const tc = tanhf(cn);
      store<f32>(cNew + row + o4, cn);
      store<f32>(h + row + o4, o * tc);
      store<f32>(ab + o4, i);
      store<f32>(ab + (u << 2) + o4, f);
      store<f32>(ab + (u << 3) + o4, g);
      store<f32>(ab + ((3 * u) << 2) + o4, o);
      store<f32>(ab + ((4 * u) << 2) + o4, tc);
    }
  }
}

/** dh, dc [b, u] (gradients of h and c'), c [b, u] (the previous cell state), acts [b, 5u] -> dz [b, 4u], dcPrev [b, u]. */
export function lstmCellGrad(dh: usize, dc: usize, c: usize, acts: usize, dz: usize, dcPrev: usize, batch: i32, units: i32): void {
  const u = <usize>units;
  for (let b: usize = 0; b < <usize>batch; b++) {
    const ab = acts + ((b * 5 * u) << 2), zb = dz + ((b * 4 * u) << 2), row = (b * u) << 2;
    for (let j: usize = 0; j < u; j++) {
      const o4 = j << 2;
      const i = load<f32>(ab + o4);
      const f = load<f32>(ab + (u << 2) + o4);
      const g = load<f32>(ab + (u << 3) + o4);
      const o = load<f32>(ab + ((3 * u) << 2) + o4);
      const tc = load<f32>(ab + ((4 * u) << 2) + o4);
      const dhj = load<f32>(dh + row + o4);
      const dct = load<f32>(dc + row + o4) + dhj * o * (<f32>1 - tc * tc);
      store<f32>(dcPrev + row + o4, dct * f);
      store<f32>(zb + o4, dct * g * i * (<f32>1 - i));
      store<f32>(zb + (u << 2) + o4, dct * load<f32>(c + row + o4) * f * (<f32>1 - f));
      store<f32>(zb + (u << 3) + o4, dct * i * (<f32>1 - g * g));
      store<f32>(zb + ((3 * u) << 2) + o4, dhj * tc * o * (<f32>1 - o));
    }
  }
}

/** dst[i] = a[i] + b[i] for n floats (a step's input projection plus its recurrent product; gradient sums). */
export function addInto(dst: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(a + o) + load<f32>(b + o));
  }
}
