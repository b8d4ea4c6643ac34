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
 * dx[argmax of each window] += dy (the first maximum in scan order wins, as in tfjs's forward); `dx` zeroed
 * by the caller.
 */
export function maxPoolGrad(x: Float32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { batch, inH, inW, channels: C, outH, outW, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  for (let n = 0; n < batch; n++) {
    const img = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        best.fill(-Infinity);
        where.fill(-1);
        for (let kh = 0; kh < fH; kh++) {
          const ih = ih0 + kh * dilH;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < fW; kw++) {
            const iw = iw0 + kw * dilW;
            if (iw < 0 || iw >= inW) continue;
            const off = img + (ih * inW + iw) * C;
            for (let c = 0; c < C; c++) {
              const v = x[off + c];
              if (v > best[c] || where[c] < 0) {
                best[c] = v;
                where[c] = off + c;
              }
            }
          }
        }
        const dyOff = ((n * outH + oh) * outW + ow) * C;
        for (let c = 0; c < C; c++) if (where[c] >= 0) dx[where[c]] += dy[dyOff + c];
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
