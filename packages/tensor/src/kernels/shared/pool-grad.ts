/** Gradients of 2D max and average pooling (NHWC) over typed arrays. */

/** Pooling geometry (tfjs `Conv2DInfo` from `computePool2DInfo`, reduced to what the loops need). */
export interface PoolGeometry {
  batch: number;
  inH: number;
  inW: number;
  channels: number;
  outH: number;
  outW: number;
  fH: number;
  fW: number;
  strideH: number;
  strideW: number;
  dilH: number;
  dilW: number;
  padTop: number;
  padLeft: number;
}

/**
 * dx[argmax of each window] += dy (the first maximum in scan order wins, as in tfjs's forward; a NaN in the
 * first tap sticks, a later NaN never wins); `dx` zeroed by the caller. Windows may overlap (stride < filter),
 * so contributions add up.
 *
 * Which tap wins is random on real data, so a compare-and-branch loop mispredicts about half its branches and
 * runs at ~20 ns per window and channel. The loop here is branch-free: floats are compared as integers (the
 * bit pattern mapped so that integer order is float order, -0 equal to +0) and the running best and its index
 * updated through masks. NaNs have no place in that order: the loop also ORs up a NaN flag, and if any input
 * is NaN, the gradient is redone with plain float compares.
 */
export function maxPoolGrad(x: Float32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const bits = new Int32Array(x.buffer, x.byteOffset, x.length);
  const sawNaN = g.fH * g.fW === 4 ? maxPoolGradKeys4(bits, dy, g, dx) : maxPoolGradKeys(bits, dy, g, dx);
  if (sawNaN) {
    dx.fill(0);
    maxPoolGradFloats(x, dy, g, dx);
  }
}

/**
 * Offsets (from the image start, in elements) of the in-bounds taps of the window at (oh, ow), in scan order
 * (kh, then kw), written to `taps`; returns how many there are.
 */
function windowTaps(g: PoolGeometry, oh: number, ow: number, taps: Int32Array): number {
  const { inH, inW, channels: C, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const ih0 = oh * strideH - padTop, iw0 = ow * strideW - padLeft;
  let nt = 0;
  for (let kh = 0; kh < fH; kh++) {
    const ih = ih0 + kh * dilH;
    if (ih < 0 || ih >= inH) continue;
    for (let kw = 0; kw < fW; kw++) {
      const iw = iw0 + kw * dilW;
      if (iw >= 0 && iw < inW) taps[nt++] = (ih * inW + iw) * C;
    }
  }
  return nt;
}

/*
 * The integer key of a float's bits: negative floats (sign bit set) have their other bits flipped, so that
 * more negative sorts lower, then shifted up by one, so that -0 (0x80000000 -> -1 -> 0) ties with +0.
 *   key(b) = (b ^ ((b >> 31) & 0x7fffffff)) - (b >> 31)
 * A NaN is (b & 0x7fffffff) > 0x7f800000, that is (b & 0x7fffffff) + 0x7fffff carries into the sign bit:
 * OR-ing those sums together flags a NaN by a negative result. In key order a NaN with the sign bit clear
 * beats +Infinity (key 0x7f800000) and one with it set loses to -Infinity, so only a NaN that wins or that
 * starts the window (and sticks) can change the result.
 */
const ABS = 0x7fffffff;
const NAN_CARRY = 0x7fffff;
const INF_KEY = 0x7f800000;

/** The branch-free loop for any window; returns whether it saw a NaN (then `dx` is garbage). */
function maxPoolGradKeys(x: Int32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): boolean {
  const { batch, inH, inW, channels: C, outH, outW, fH, fW } = g;
  const taps = new Int32Array(fH * fW);
  let nan = 0;
  let dyOff = 0;
  for (let n = 0; n < batch; n++) {
    const img = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, dyOff += C) {
        const nt = windowTaps(g, oh, ow, taps);
        if (nt === 0) continue;
        const first = img + taps[0];
        for (let c = 0; c < C; c++) {
          let where = first + c;
          let b = x[where];
          let best = (b ^ ((b >> 31) & ABS)) - (b >> 31);
          nan |= (b & ABS) + NAN_CARRY;
          for (let t = 1; t < nt; t++) {
            const i = img + taps[t] + c;
            b = x[i];
            const k = (b ^ ((b >> 31) & ABS)) - (b >> 31);
            nan |= (b & ABS) + NAN_CARRY;
            const m = -((k > best) as unknown as number); // all ones where this tap wins
            best ^= (best ^ k) & m;
            where ^= (where ^ i) & m;
          }
          dx[where] += dy[dyOff + c];
        }
      }
    }
  }
  return nan < 0;
}

/**
 * {@link maxPoolGradKeys} for four-tap windows (2x2, the common CNN pooling), unrolled as a tournament, and
 * checking only the NaNs that matter (the first tap's, the winner's); taps of windows cut by the border repeat
 * the first one (a repeat never wins: `>` is strict).
 */
function maxPoolGradKeys4(x: Int32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): boolean {
  const { batch, inH, inW, channels: C, outH, outW } = g;
  const taps = new Int32Array(4);
  let nan = 0;
  let dyOff = 0;
  for (let n = 0; n < batch; n++) {
    const img = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, dyOff += C) {
        const nt = windowTaps(g, oh, ow, taps);
        if (nt === 0) continue;
        const t0 = img + taps[0];
        const t1 = img + taps[nt > 1 ? 1 : 0];
        const t2 = img + taps[nt > 2 ? 2 : 0];
        const t3 = img + taps[nt > 3 ? 3 : 0];
        const d1 = t1 - t0, d2 = t2 - t0, d3 = t3 - t2;
        for (let c = 0; c < C; c++) {
          const b0 = x[t0 + c], b1 = x[t1 + c], b2 = x[t2 + c], b3 = x[t3 + c];
          const k0 = (b0 ^ ((b0 >> 31) & ABS)) - (b0 >> 31);
          const k1 = (b1 ^ ((b1 >> 31) & ABS)) - (b1 >> 31);
          const k2 = (b2 ^ ((b2 >> 31) & ABS)) - (b2 >> 31);
          const k3 = (b3 ^ ((b3 >> 31) & ABS)) - (b3 >> 31);
          // a tournament (the earlier tap wins ties): taps 0|1, taps 2|3, then the two winners
          const m01 = -((k1 > k0) as unknown as number), m23 = -((k3 > k2) as unknown as number);
          const k01 = k0 ^ ((k0 ^ k1) & m01), k23 = k2 ^ ((k2 ^ k3) & m23);
          const m = -((k23 > k01) as unknown as number);
          const off01 = d1 & m01, off23 = d2 + (d3 & m23);
          // a NaN in tap 0 sticks (float semantics), a positive NaN wins here: either sends us to float compares
          nan |= ((b0 & ABS) + NAN_CARRY) | -(((k01 ^ ((k01 ^ k23) & m)) > INF_KEY) as unknown as number);
          dx[t0 + c + (off01 ^ ((off01 ^ off23) & m))] += dy[dyOff + c];
        }
      }
    }
  }
  return nan < 0;
}

/** The plain loop with float compares, for inputs with NaNs. */
function maxPoolGradFloats(x: Float32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { batch, inH, inW, channels: C, outH, outW, fH, fW } = g;
  const taps = new Int32Array(fH * fW);
  let dyOff = 0;
  for (let n = 0; n < batch; n++) {
    const img = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, dyOff += C) {
        const nt = windowTaps(g, oh, ow, taps);
        if (nt === 0) continue;
        const first = img + taps[0];
        for (let c = 0; c < C; c++) {
          let where = first + c;
          let best = x[where];
          for (let t = 1; t < nt; t++) {
            const i = img + taps[t] + c;
            if (x[i] > best) {
              best = x[i];
              where = i;
            }
          }
          dx[where] += dy[dyOff + c];
        }
      }
    }
  }
}

/**
 * Gradient of average pooling whose forward divides by the number of in-bounds elements of each window (tfjs
 * and TF semantics for 'same' padding); `dx` zeroed by the caller.
 */
export function avgPoolGrad(dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { batch, inH, inW, channels: C, outH, outW, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  for (let n = 0; n < batch; n++) {
    const img = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      let rows = 0;
      for (let kh = 0; kh < fH; kh++) {
        const ih = ih0 + kh * dilH;
        if (ih >= 0 && ih < inH) rows++;
      }
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        let cols = 0;
        for (let kw = 0; kw < fW; kw++) {
          const iw = iw0 + kw * dilW;
          if (iw >= 0 && iw < inW) cols++;
        }
        const count = rows * cols;
        if (count === 0) continue;
        const scale = 1 / count;
        const dyOff = ((n * outH + oh) * outW + ow) * C;
        for (let kh = 0; kh < fH; kh++) {
          const ih = ih0 + kh * dilH;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < fW; kw++) {
            const iw = iw0 + kw * dilW;
            if (iw < 0 || iw >= inW) continue;
            const off = img + (ih * inW + iw) * C;
            for (let c = 0; c < C; c++) dx[off + c] += dy[dyOff + c] * scale;
          }
        }
      }
    }
  }
}
