/**
 * `Conv2DBackpropFilter` (absent from tfjs's wasm backend) and `Conv2DBackpropInput` (present, but a naive loop)
 * on wasm: im2col in TypeScript over the heap, and the product in the backend's own XNNPack matmul.
 *   dW [k, outC]         = colsT [k, positions] x dy [positions, outC]
 *   dCols [positions, k] = dy [positions, outC] x W^T [outC, k]      then col2im(dCols) = dx
 * where the input gradient with stride 1 is instead XNNPack's convolution of dy with the flipped filter.
 * where k = kH*kW*inC. NCHW tensors are transposed to NHWC and back.
 */
import { BatchMatMul, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Transpose } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel } from '../registry.js';
import { convGeometry, type ConvAttrs } from '../shared/conv-info.js';
import { col2im, im2colT, imagesPerChunk, patchSize, type ConvGeometry } from '../shared/im2col.js';
import { transposeBatched } from '../shared/transpose.js';
import { alloc, f32, free, runStock, view, type WasmBackend } from './heap.js';

const nchwToNhwc = (b: WasmBackend, t: TensorInfo) => runStock(b, Transpose, { x: t }, { perm: [0, 2, 3, 1] });
const nhwcToNchw = (b: WasmBackend, t: TensorInfo) => runStock(b, Transpose, { x: t }, { perm: [0, 3, 1, 2] });

function matMul(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runStock(backend, BatchMatMul, { a, b }, { transposeA: false, transposeB: false });
}

export const conv2DBackpropFilterWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { x: x0, dy: dy0 } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const { geom: g } = convGeometry(x0.shape, attrs.filterShape, attrs);
  const nchw = attrs.dataFormat === 'NCHW';
  const x = nchw ? nchwToNhwc(backend, x0) : x0;
  const dy = nchw ? nchwToNhwc(backend, dy0) : dy0;
  const outC = attrs.filterShape[3];
  const k = patchSize(g);
  const per = g.outH * g.outW;
  const chunk = imagesPerChunk(g);
  const acc = chunk < g.batch ? new Float32Array(k * outC) : null;
  let last: TensorInfo | null = null;
  try {
    for (let n0 = 0; n0 < g.batch; n0 += chunk) {
      const n1 = Math.min(g.batch, n0 + chunk);
      const rows = (n1 - n0) * per;
      // dW [k, outC] = colsT [k, rows] x dy [rows, outC]: the small operand second (XNNPack packs it per call)
      // and the product already in filter layout.
      const colsT = alloc(backend, [1, k, rows]);
      let dyPart: TensorInfo = view(dy, [1, rows, outC]);
      if (acc) {
        dyPart = alloc(backend, [1, rows, outC]);
        f32(backend, dyPart).set(f32(backend, dy).subarray(n0 * per * outC, n1 * per * outC));
      }
      im2colT(f32(backend, x), g, f32(backend, colsT), n0, n1);
      free(backend, last);
      last = matMul(backend, colsT, dyPart);
      free(backend, colsT);
      if (acc) {
        free(backend, dyPart);
        const p = f32(backend, last);
        for (let i = 0; i < p.length; i++) acc[i] += p[i];
      }
    }
    const out = alloc(backend, attrs.filterShape);
    f32(backend, out).set(acc ?? f32(backend, last!));
    return out;
  } finally {
    free(backend, last);
    if (nchw) free(backend, x, dy);
  }
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
