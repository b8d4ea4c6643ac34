/**
 * `Conv2DBackpropFilter` (absent from tfjs's wasm backend) and `Conv2DBackpropInput` (present, but a naive loop)
 * on wasm: im2col in TypeScript over the heap, and the product in the backend's own XNNPack matmul.
 *   dW^T [outC, k]      = dy^T [outC, positions] x cols [positions, k]
 *   dCols [positions, k] = dy [positions, outC]  x W^T [outC, k]      then col2im(dCols) = dx
 * where k = kH*kW*inC. NCHW tensors are transposed to NHWC and back.
 */
import { BatchMatMul, Conv2DBackpropFilter, Conv2DBackpropInput, Transpose } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel } from '../registry.js';
import { convGeometry, type ConvAttrs } from '../shared/conv-info.js';
import { col2im, im2col, imagesPerChunk, patchSize } from '../shared/im2col.js';
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
  const acc = chunk < g.batch ? new Float32Array(outC * k) : null;
  let last: TensorInfo | null = null;
  try {
    for (let n0 = 0; n0 < g.batch; n0 += chunk) {
      const n1 = Math.min(g.batch, n0 + chunk);
      const rows = (n1 - n0) * per;
      const cols = alloc(backend, [1, rows, k]);
      const dyT = alloc(backend, [1, outC, rows]);
      im2col(f32(backend, x), g, f32(backend, cols), n0, n1);
      transposeBatched(f32(backend, dy).subarray(n0 * per * outC, n1 * per * outC), f32(backend, dyT), 1, rows, outC);
      free(backend, last);
      last = matMul(backend, dyT, cols); // [1, outC, k]
      free(backend, cols, dyT);
      if (acc) {
        const p = f32(backend, last);
        for (let i = 0; i < p.length; i++) acc[i] += p[i];
      }
    }
    const out = alloc(backend, attrs.filterShape);
    transposeBatched(acc ?? f32(backend, last!), f32(backend, out), 1, outC, k);
    return out;
  } finally {
    free(backend, last);
    if (nchw) free(backend, x, dy);
  }
};

export const conv2DBackpropInputWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { dy: dy0, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  const { geom: g } = convGeometry(attrs.inputShape, filter.shape, attrs);
  const nchw = attrs.dataFormat === 'NCHW';
  const dy = nchw ? nchwToNhwc(backend, dy0) : dy0;
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
