/**
 * im2col / col2im for NHWC convolutions over typed arrays. A patch row holds the receptive field of one output
 * position in filter order (kh, kw, inChannel), so `cols [positions, kh*kw*inC] x filter [kh*kw*inC, outC]`
 * is the convolution.
 */

/** Geometry of a 2D convolution in NHWC (tfjs `Conv2DInfo`, reduced to what the loops need). */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilH: number;
  dilW: number;
  padTop: number;
  padLeft: number;
}

/** Patch length: kH * kW * inC. */
export function patchSize(g: ConvGeometry): number {
  return g.kH * g.kW * g.inC;
}

/**
 * Writes the patches of images [n0, n1) of `x` (NHWC) into `cols` (row-major, one row per output position,
 * rows numbered from image n0).
 */
export function im2col(x: Float32Array, g: ConvGeometry, cols: Float32Array, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const rowLen = kH * kW * inC;
  let row = 0;
  for (let n = n0; n < n1; n++) {
    const xImg = n * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++, row++) {
        const iw0 = ow * strideW - padLeft;
        let d = row * rowLen;
        for (let kh = 0; kh < kH; kh++) {
          const ih = ih0 + kh * dilH;
          const rowOk = ih >= 0 && ih < inH;
          for (let kw = 0; kw < kW; kw++, d += inC) {
            const iw = iw0 + kw * dilW;
            if (!rowOk || iw < 0 || iw >= inW) {
              cols.fill(0, d, d + inC);
              continue;
            }
            const s = xImg + (ih * inW + iw) * inC;
            if (inC >= 16) cols.set(x.subarray(s, s + inC), d);
            else for (let c = 0; c < inC; c++) cols[d + c] = x[s + c];
          }
        }
      }
    }
  }
}

/**
 * Writes the transposed patch matrix of images [n0, n1) of `x` (NHWC): row (kh, kw, inChannel) holds that tap's
 * input value for every output position of those images (`kH*kW*inC` rows of `(n1-n0)*outH*outW`).
 */
export function im2colT(x: Float32Array, g: ConvGeometry, out: Float32Array, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const rows = (n1 - n0) * outH * outW;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      for (let ic = 0; ic < inC; ic++) {
        let d = ((kh * kW + kw) * inC + ic) * rows;
        for (let n = n0; n < n1; n++) {
          const img = n * inH * inW * inC + ic;
          for (let oh = 0; oh < outH; oh++) {
            const ih = oh * strideH - padTop + kh * dilH;
            if (ih < 0 || ih >= inH) {
              out.fill(0, d, d + outW);
              d += outW;
              continue;
            }
            const rowBase = img + ih * inW * inC;
            for (let ow = 0; ow < outW; ow++) {
              const iw = ow * strideW - padLeft + kw * dilW;
              out[d++] = iw >= 0 && iw < inW ? x[rowBase + iw * inC] : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * Adds the patch rows of `cols` (rows numbered from image n0) back into `dx` (NHWC, images [n0, n1)); the
 * adjoint of {@link im2col}. `dx` must be zeroed by the caller.
 */
export function col2im(cols: Float32Array, g: ConvGeometry, dx: Float32Array, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const rowLen = kH * kW * inC;
  let row = 0;
  for (let n = n0; n < n1; n++) {
    const xImg = n * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++, row++) {
        const iw0 = ow * strideW - padLeft;
        let s = row * rowLen;
        for (let kh = 0; kh < kH; kh++) {
          const ih = ih0 + kh * dilH;
          const rowOk = ih >= 0 && ih < inH;
          for (let kw = 0; kw < kW; kw++, s += inC) {
            const iw = iw0 + kw * dilW;
            if (!rowOk || iw < 0 || iw >= inW) continue;
            const d = xImg + (ih * inW + iw) * inC;
            for (let c = 0; c < inC; c++) dx[d + c] += cols[s + c];
          }
        }
      }
    }
  }
}

let chunkElements = 1 << 24;

/** Sets the patch-matrix budget (floats) per chunk; returns the previous one (tests use a tiny one). */
export function setIm2colChunkElements(n: number): number {
  const prev = chunkElements;
  chunkElements = n;
  return prev;
}

/** Images per chunk so that one chunk's patch matrix stays under `maxElements` floats. */
export function imagesPerChunk(g: ConvGeometry, maxElements = chunkElements): number {
  const perImage = g.outH * g.outW * patchSize(g);
  return Math.max(1, Math.min(g.batch, Math.floor(maxElements / Math.max(1, perImage))));
}
