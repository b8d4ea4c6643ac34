/**
 * `Conv2DBackpropFilter` (absent from tfjs's wasm backend) and `Conv2DBackpropInput` (present, but a naive loop)
 * on wasm: patch matrices in TypeScript over the heap, and the products in our GEMM or XNNPack's matmul.
 *   dW [k, outC]         = colsT [k, positions] x dy [positions, outC]    (or its transpose, see below)
 *   dCols [positions, k] = dy [positions, outC] x W^T [outC, k]      then col2im(dCols) = dx
 * where k = kH*kW*inC, and the input gradient with stride 1 is instead XNNPack's convolution of dy with the
 * flipped filter. NCHW tensors are transposed as the products need them.
 */
import { BatchMatMul, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Transpose } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel } from '../registry.js';
import { convGeometry, type ConvAttrs } from '../shared/conv-info.js';
import {
  col2im, im2col, im2colTBatchInner, imagesPerChunk, outputRowsPerChunk, patchSize, type ConvGeometry,
} from '../shared/im2col.js';
import { transposeBatched } from '../shared/transpose.js';
import { alloc, f32, free, runStock, view, type WasmBackend } from './heap.js';
import { simdKernels, type SimdKernels } from './simd.js';
import { gemmMatMul, gemmTakes } from './gemm.js';
import { transposeLastTwo } from './transpose.js';

const nchwToNhwc = (b: WasmBackend, t: TensorInfo) => runStock(b, Transpose, { x: t }, { perm: [0, 2, 3, 1] });
const nhwcToNchw = (b: WasmBackend, t: TensorInfo) => runStock(b, Transpose, { x: t }, { perm: [0, 3, 1, 2] });

/** Our GEMM where it takes the product (it packs nothing), else XNNPack's. */
function matMul(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  const ours = simd(backend) !== null ? gemmMatMul(backend, a, b) : null;
  return ours ?? runStock(backend, BatchMatMul, { a, b }, { transposeA: false, transposeB: false });
}

let simdTransposes = true;

/**
 * Turns our SIMD kernels (transposes and GEMM) off for these kernels (tests of the stock fallback) or on;
 * returns the previous setting.
 */
export function useSimdTransposes(on: boolean): boolean {
  const prev = simdTransposes;
  simdTransposes = on;
  return prev;
}

/**
 * Our SIMD kernels when they run on `backend` (their transpose is 2-6x faster than the stock kernel's on the
 * shapes here), else null: the callers then use the stock transpose and XNNPack's products.
 */
function simd(backend: WasmBackend): SimdKernels | null {
  return simdTransposes ? simdKernels(backend) : null;
}

/** `batch` row-major matrices [rows, cols] of `t` transposed into a new heap tensor [batch, cols, rows]. */
function transposeMatrices(backend: WasmBackend, t: TensorInfo, batch: number, rows: number, cols: number): TensorInfo {
  return transposeLastTwo(backend, view(t, [batch, rows, cols]));
}

/** `x` (NHWC, or NCHW) as [inC, inH, inW, batch]. */
function channelsFirstBatchLast(backend: WasmBackend, x: TensorInfo, nchw: boolean): TensorInfo {
  const [n, a, b, c] = x.shape;
  if (simd(backend) === null) return runStock(backend, Transpose, { x }, { perm: nchw ? [1, 2, 3, 0] : [3, 1, 2, 0] });
  // NCHW: [batch, C*H*W] -> [C*H*W, batch]. NHWC: per image [H*W, C] -> [C, H*W], then the same.
  if (nchw) return transposeMatrices(backend, x, 1, n, a * b * c);
  const perImage = transposeMatrices(backend, x, n, a * b, c);
  try {
    return transposeMatrices(backend, perImage, 1, n, a * b * c);
  } finally {
    free(backend, perImage);
  }
}

/** Runs `body` with `scratch`, which registers heap tensors to free when `body` returns or throws. */
function withScratch<T>(backend: WasmBackend, body: (scratch: (t: TensorInfo) => TensorInfo) => T): T {
  const owned: TensorInfo[] = [];
  try {
    return body((t) => {
      owned.push(t);
      return t;
    });
  } finally {
    free(backend, ...owned);
  }
}

/**
 * Sums `product(u0, u1)` (a [1, m, n] heap tensor, freed here) over chunks [u0, u1) of `units`, into a new
 * Float32Array of m*n.
 */
function chunkedSum(
  backend: WasmBackend,
  units: number,
  chunk: number,
  product: (u0: number, u1: number) => TensorInfo,
): Float32Array {
  let sum: Float32Array | null = null;
  for (let u0 = 0; u0 < units; u0 += chunk) {
    const part = product(u0, Math.min(units, u0 + chunk));
    const p = f32(backend, part);
    if (sum === null) {
      sum = p.slice();
    } else {
      for (let i = 0; i < p.length; i++) sum[i] += p[i];
    }
    free(backend, part);
  }
  return sum!;
}

/*
 * The filter gradient is one matmul over all output positions (chunked when the patch matrix is large). Our
 * GEMM (gemm.ts) takes it where it can: it packs nothing, and its 8-wide column tiles want the many output
 * channels as columns, so dW [k, outC] = colsT x dy below. Otherwise XNNPack packs the second operand, and
 * packing can cost more than the product itself (MNIST conv1's dy, 2.8M floats: ~15 ms to pack, ~2 ms to
 * multiply; tfjs caches the packed operand by tensor id, so a benchmark that reuses one dy never sees that cost,
 * but training makes a new dy every step). So for XNNPack the operand with fewer columns goes second:
 *   k >= outC:  dW   [k, outC] = colsT [k, positions] x dy    [positions, outC]   (MNIST conv2: 288 vs 64)
 *   k <  outC:  dW^T [outC, k] = dyT   [outC, positions] x cols [positions, k]   (MNIST conv1: 9 vs 32)
 * where k = kH*kW*inC.
 */

/**
 * dW [k, outC] = colsT [k, positions] x dy [positions, outC]. Positions ordered (oh, ow, n): the patch matrix
 * is then copied from long runs of `x` in layout [inC, inH, inW, batch] ({@link im2colTBatchInner}), `dy`
 * transposed to match, [outH, outW, batch, outC] (the transposes cost ~1 ns per element or less, a gather loop
 * ~2 ns per patch element, and the patch matrix has kH*kW times as many). Chunked by output rows.
 */
function filterGradColsFirst(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, outC: number, nchw: boolean): Float32Array {
  return withScratch(backend, (scratch) => {
    const xT = scratch(channelsFirstBatchLast(backend, x, nchw));
    const dyT = scratch(runStock(backend, Transpose, { x: dy }, { perm: nchw ? [2, 3, 0, 1] : [1, 2, 0, 3] }));
    const k = patchSize(g);
    const per = g.outW * g.batch; // positions per output row
    const chunk = outputRowsPerChunk(g);
    return chunkedSum(backend, g.outH, chunk, (oh0, oh1) => withScratch(backend, (scratch) => {
      const rows = (oh1 - oh0) * per;
      const colsT = scratch(alloc(backend, [1, k, rows]));
      let dyPart = view(dyT, [1, rows, outC]);
      if (chunk < g.outH) {
        dyPart = scratch(alloc(backend, [1, rows, outC]));
        f32(backend, dyPart).set(f32(backend, dyT).subarray(oh0 * per * outC, oh1 * per * outC));
      }
      im2colTBatchInner(f32(backend, xT), g, f32(backend, colsT), oh0, oh1);
      return matMul(backend, colsT, dyPart);
    }));
  });
}

/**
 * dW^T [outC, k] = dyT [outC, positions] x cols [positions, k]. Positions ordered (n, oh, ow): `cols` is the
 * plain NHWC patch matrix ({@link im2col}), `dy` transposed to [outC, batch, outH*outW]. Chunked by images.
 */
function filterGradDyFirst(backend: WasmBackend, x0: TensorInfo, dy: TensorInfo, g: ConvGeometry, outC: number, nchw: boolean): Float32Array {
  return withScratch(backend, (scratch) => {
    const x = nchw ? scratch(nchwToNhwc(backend, x0)) : x0;
    const k = patchSize(g);
    const per = g.outH * g.outW; // positions per image
    const total = g.batch * per;
    // NHWC: [batch*positions, outC] -> [outC, batch*positions]; NCHW: [batch, outC, positions] -> [outC, batch,
    // positions] (a view for one image). The stock 3D transpose is ~1.5x faster than its 4D one for this move.
    const dyT = nchw && g.batch === 1 ? view(dy, [outC, per])
      : !nchw && simd(backend) !== null ? scratch(transposeMatrices(backend, dy, 1, total, outC))
      : scratch(runStock(backend, Transpose,
        { x: view(dy, nchw ? [g.batch, outC, per] : [g.batch, per, outC]) }, { perm: nchw ? [1, 0, 2] : [2, 0, 1] }));
    const chunk = imagesPerChunk(g);
    return chunkedSum(backend, g.batch, chunk, (n0, n1) => withScratch(backend, (scratch) => {
      const rows = (n1 - n0) * per;
      const cols = scratch(alloc(backend, [1, rows, k]));
      let dyPart = view(dyT, [1, outC, rows]);
      if (chunk < g.batch) {
        dyPart = scratch(alloc(backend, [1, outC, rows]));
        const src = f32(backend, dyT), dst = f32(backend, dyPart);
        for (let oc = 0; oc < outC; oc++) dst.set(src.subarray(oc * total + n0 * per, oc * total + n1 * per), oc * rows);
      }
      im2col(f32(backend, x), g, f32(backend, cols), n0, n1);
      return matMul(backend, dyPart, cols);
    }));
  });
}

export const conv2DBackpropFilterWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const { geom: g } = convGeometry(x.shape, attrs.filterShape, attrs);
  const nchw = attrs.dataFormat === 'NCHW';
  const outC = attrs.filterShape[3];
  const k = patchSize(g);
  const colsFirst = k >= outC || (simd(backend) !== null && gemmTakes(backend, k, outC));
  const sum = colsFirst ? filterGradColsFirst(backend, x, dy, g, outC, nchw) : filterGradDyFirst(backend, x, dy, g, outC, nchw);
  const out = alloc(backend, attrs.filterShape);
  if (colsFirst) f32(backend, out).set(sum);
  else transposeBatched(sum, f32(backend, out), 1, outC, k); // dW^T [outC, k] -> dW [k, outC]
  return out;
};

/**
 * With stride 1, the input gradient is a plain convolution of `dy` (padded by kernel-1-pad) with the filter
 * flipped in space and with channels swapped: XNNPack's direct convolution, no patch matrix at all.
 */
function backpropInputByConv(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
): TensorInfo | null {
  if (g.strideH !== 1 || g.strideW !== 1 || g.dilH !== 1 || g.dilW !== 1) return null;
  const top = g.kH - 1 - g.padTop, left = g.kW - 1 - g.padLeft;
  const bottom = g.inH + g.kH - 1 - g.outH - top, right = g.inW + g.kW - 1 - g.outW - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  const outC = filter.shape[3];
  const flipped = alloc(backend, [g.kH, g.kW, outC, g.inC]);
  const src = f32(backend, filter), dst = f32(backend, flipped);
  for (let kh = 0; kh < g.kH; kh++) {
    for (let kw = 0; kw < g.kW; kw++) {
      const s = ((g.kH - 1 - kh) * g.kW + (g.kW - 1 - kw)) * g.inC * outC;
      const d = (kh * g.kW + kw) * outC * g.inC;
      for (let ic = 0; ic < g.inC; ic++) for (let oc = 0; oc < outC; oc++) dst[d + oc * g.inC + ic] = src[s + ic * outC + oc];
    }
  }
  try {
    return runStock(backend, Conv2D, { x: dy, filter: flipped }, {
      strides: 1,
      dilations: 1,
      pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
      dataFormat: 'NHWC',
    } as unknown as NamedAttrMap);
  } finally {
    free(backend, flipped);
  }
}

export const conv2DBackpropInputWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { dy: dy0, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  const { geom: g } = convGeometry(attrs.inputShape, filter.shape, attrs);
  const nchw = attrs.dataFormat === 'NCHW';
  const dy = nchw ? nchwToNhwc(backend, dy0) : dy0;
  const direct = backpropInputByConv(backend, dy, filter, g);
  if (direct !== null) {
    if (!nchw) return direct;
    free(backend, dy);
    const out = nhwcToNchw(backend, direct);
    free(backend, direct);
    return out;
  }
  const outC = filter.shape[3];
  const k = patchSize(g);
  const per = g.outH * g.outW;
  const chunk = imagesPerChunk(g);
  const wT = alloc(backend, [1, outC, k]);
  transposeBatched(f32(backend, filter), f32(backend, wT), 1, k, outC);
  const dx = alloc(backend, [g.batch, g.inH, g.inW, g.inC]);
  f32(backend, dx).fill(0);
  try {
    for (let n0 = 0; n0 < g.batch; n0 += chunk) {
      const n1 = Math.min(g.batch, n0 + chunk);
      const rows = (n1 - n0) * per;
      let dyPart: TensorInfo;
      let owned = false;
      if (n0 === 0 && n1 === g.batch) {
        dyPart = view(dy, [1, rows, outC]);
      } else {
        dyPart = alloc(backend, [1, rows, outC]);
        owned = true;
        f32(backend, dyPart).set(f32(backend, dy).subarray(n0 * per * outC, n1 * per * outC));
      }
      const dCols = matMul(backend, dyPart, wT);
      if (owned) free(backend, dyPart);
      col2im(f32(backend, dCols), g, f32(backend, dx), n0, n1);
      free(backend, dCols);
    }
  } finally {
    free(backend, wT);
    if (nchw) free(backend, dy);
  }
  if (!nchw) return dx;
  const out = nhwcToNchw(backend, dx);
  free(backend, dx);
  return out;
};

export function registerWasmConv2DBackprop(): void {
  overrideKernel({ kernelName: Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilterWasm });
  overrideKernel({ kernelName: Conv2DBackpropInput, backendName: 'wasm', kernelFunc: conv2DBackpropInputWasm });
}
