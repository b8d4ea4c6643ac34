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
 * rows numbered from image n0). Loops tap by tap over a row of output positions (not position by position
 * over the taps), so that a few input channels (k = 9 for a 3x3 filter on one channel) cost one strided store
 * each rather than a loop setup per tap.
 */
export function im2col(x: Float32Array, g: ConvGeometry, cols: Float32Array, n0: number, n1: number): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const rowLen = kH * kW * inC;
  let row0 = 0; // the patch row of (n, oh, ow = 0)
  for (let n = n0; n < n1; n++) {
    const xImg = n * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++, row0 += outW) {
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        const rowOk = ih >= 0 && ih < inH;
        for (let kw = 0; kw < kW; kw++) {
          // output columns ow whose input column iw = ow * strideW + shift lies in [0, inW): [owLo, owHi)
          const shift = kw * dilW - padLeft;
          const owLo = rowOk ? Math.min(outW, Math.max(0, Math.ceil(-shift / strideW))) : outW;
          const owHi = rowOk ? Math.max(owLo, Math.min(outW, Math.ceil((inW - shift) / strideW))) : outW;
          const tap = row0 * rowLen + (kh * kW + kw) * inC;
          for (let ow = 0; ow < owLo; ow++) cols.fill(0, tap + ow * rowLen, tap + ow * rowLen + inC);
          for (let ow = owHi; ow < outW; ow++) cols.fill(0, tap + ow * rowLen, tap + ow * rowLen + inC);
          const src = xImg + (ih * inW + shift) * inC;
          if (inC === 1) {
            for (let ow = owLo; ow < owHi; ow++) cols[tap + ow * rowLen] = x[src + ow * strideW];
          } else if (inC >= 16) {
            for (let ow = owLo; ow < owHi; ow++) {
              const s = src + ow * strideW * inC;
              cols.set(x.subarray(s, s + inC), tap + ow * rowLen);
            }
          } else {
            for (let ow = owLo; ow < owHi; ow++) {
              const s = src + ow * strideW * inC, d = tap + ow * rowLen;
              for (let c = 0; c < inC; c++) cols[d + c] = x[s + c];
            }
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

/** out[d, d+len) = x[s, s+len): `set` (a memcpy) for long runs, a loop for short ones (cheaper than a subarray). */
function copyRun(x: Float32Array, s: number, out: Float32Array, d: number, len: number): void {
  if (len >= 32) out.set(x.subarray(s, s + len), d);
  else for (let i = 0; i < len; i++) out[d + i] = x[s + i];
}

/**
 * The transposed patch matrix with the batch innermost, for output rows [oh0, oh1): from `x` in layout
 * [inC, inH, inW, batch], row (kh, kw, inChannel) of `out` holds that tap's input for output positions
 * (oh, ow, n), n fastest (`kH*kW*inC` rows of `(oh1-oh0)*outW*batch`). The input of one tap for a row of
 * output positions is then one contiguous run of `x` (with stride 1; runs of `batch` otherwise), copied by
 * `set` at memory speed instead of element by element.
 */
export function im2colTBatchInner(x: Float32Array, g: ConvGeometry, out: Float32Array, oh0: number, oh1: number): void {
  const { batch: N, inH, inW, inC, outW, kH, kW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const rowLen = outW * N;
  let d = 0;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      // output columns ow whose input column iw = ow * strideW + shift lies in [0, inW): [owLo, owHi)
      const shift = kw * dilW - padLeft;
      const owLo = Math.min(outW, Math.max(0, Math.ceil(-shift / strideW)));
      const owHi = Math.max(owLo, Math.min(outW, Math.ceil((inW - shift) / strideW)));
      for (let ic = 0; ic < inC; ic++) {
        for (let oh = oh0; oh < oh1; oh++, d += rowLen) {
          const ih = oh * strideH - padTop + kh * dilH;
          if (ih < 0 || ih >= inH) {
            out.fill(0, d, d + rowLen);
            continue;
          }
          out.fill(0, d, d + owLo * N);
          out.fill(0, d + owHi * N, d + rowLen);
          const src = ((ic * inH + ih) * inW + shift) * N;
          if (strideW === 1) {
            copyRun(x, src + owLo * N, out, d + owLo * N, (owHi - owLo) * N);
          } else {
            for (let ow = owLo; ow < owHi; ow++) copyRun(x, src + ow * strideW * N, out, d + ow * N, N);
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

/** Output rows per chunk of {@link im2colTBatchInner} so that its patch matrix stays under `maxElements` floats. */
export function outputRowsPerChunk(g: ConvGeometry, maxElements = chunkElements): number {
  const perRow = g.outW * g.batch * patchSize(g);
  return Math.max(1, Math.min(g.outH, Math.floor(maxElements / Math.max(1, perRow))));
}

/** Images per chunk so that one chunk's patch matrix stays under `maxElements` floats. */
export function imagesPerChunk(g: ConvGeometry, maxElements = chunkElements): number {
  const perImage = g.outH * g.outW * patchSize(g);
  return Math.max(1, Math.min(g.batch, Math.floor(maxElements / Math.max(1, perImage))));
}
