/** Depthwise convolution backprops (NHWC, channel multiplier `cm`) over typed arrays. */
import type { ConvGeometry } from './im2col.js';

/** dW[kh, kw, c, m] = sum over n, oh, ow of x[n, ih, iw, c] * dy[n, oh, ow, c*cm + m]; `dw` zeroed by caller. */
export function depthwiseBackpropFilter(
  x: Float32Array,
  dy: Float32Array,
  g: ConvGeometry,
  cm: number,
  dw: Float32Array,
): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const outC = inC * cm;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        if (ih < 0 || ih >= inH) continue;
        for (let ow = 0; ow < outW; ow++) {
          const dyOff = ((n * outH + oh) * outW + ow) * outC;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * strideW - padLeft + kw * dilW;
            if (iw < 0 || iw >= inW) continue;
            const xOff = ((n * inH + ih) * inW + iw) * inC;
            const wOff = (kh * kW + kw) * outC;
            if (cm === 1) {
              for (let c = 0; c < inC; c++) dw[wOff + c] += x[xOff + c] * dy[dyOff + c];
            } else {
              for (let c = 0; c < inC; c++) {
                const xv = x[xOff + c];
                const o = c * cm;
                for (let m = 0; m < cm; m++) dw[wOff + o + m] += xv * dy[dyOff + o + m];
              }
            }
          }
        }
      }
    }
  }
}

/** dx[n, ih, iw, c] = sum of dy[n, oh, ow, c*cm + m] * w[kh, kw, c, m] over the windows; `dx` zeroed by caller. */
export function depthwiseBackpropInput(
  dy: Float32Array,
  w: Float32Array,
  g: ConvGeometry,
  cm: number,
  dx: Float32Array,
): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const outC = inC * cm;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        if (ih < 0 || ih >= inH) continue;
        for (let ow = 0; ow < outW; ow++) {
          const dyOff = ((n * outH + oh) * outW + ow) * outC;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * strideW - padLeft + kw * dilW;
            if (iw < 0 || iw >= inW) continue;
            const xOff = ((n * inH + ih) * inW + iw) * inC;
            const wOff = (kh * kW + kw) * outC;
            if (cm === 1) {
              for (let c = 0; c < inC; c++) dx[xOff + c] += dy[dyOff + c] * w[wOff + c];
            } else {
              for (let c = 0; c < inC; c++) {
                const o = c * cm;
                let s = 0;
                for (let m = 0; m < cm; m++) s += dy[dyOff + o + m] * w[wOff + o + m];
                dx[xOff + c] += s;
              }
            }
          }
        }
      }
    }
  }
}
