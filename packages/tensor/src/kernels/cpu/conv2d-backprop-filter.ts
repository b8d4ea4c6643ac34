/**
 * `Conv2DBackpropFilter` for cpu: tfjs's is a naive loop with per-element index arithmetic (seconds for a
 * small MNIST layer). Ours builds the transposed patch matrix and hands the product to the cpu backend's
 * blocked matmul:  dW [k, outC] = colsT [k, positions] x dy [positions, outC],  k = kH*kW*inC.
 */
import { BatchMatMul, Conv2DBackpropFilter, Transpose } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { convGeometry, type ConvAttrs } from '../shared/conv-info.js';
import { im2colT, imagesPerChunk, patchSize } from '../shared/im2col.js';
import type { CpuBackend } from './backend.js';

export const conv2DBackpropFilterCpu: KernelFunc = (args) => {
  const backend = args.backend as CpuBackend;
  const { x: x0, dy: dy0 } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const { geom: g } = convGeometry(x0.shape, attrs.filterShape, attrs);
  const nchw = attrs.dataFormat === 'NCHW';
  const toNhwc = (t: TensorInfo) =>
    stockKernelFunc(Transpose, 'cpu')({ inputs: { x: t }, backend, attrs: { perm: [0, 2, 3, 1] } }) as TensorInfo;
  const x = nchw ? toNhwc(x0) : x0;
  const dy = nchw ? toNhwc(dy0) : dy0;
  const xv = backend.data.get(x.dataId).values as Float32Array;
  const dyv = backend.data.get(dy.dataId).values as Float32Array;
  const outC = attrs.filterShape[3];
  const k = patchSize(g);
  const per = g.outH * g.outW;
  const chunk = imagesPerChunk(g);
  const acc = new Float32Array(k * outC);
  const matMul = stockKernelFunc(BatchMatMul, 'cpu');
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const n1 = Math.min(g.batch, n0 + chunk);
    const rows = (n1 - n0) * per;
    const colsT = new Float32Array(k * rows);
    im2colT(xv, g, colsT, n0, n1);
    const a = backend.makeTensorInfo([1, k, rows], 'float32', colsT);
    const b = backend.makeTensorInfo([1, rows, outC], 'float32', dyv.subarray(n0 * per * outC, n1 * per * outC));
    const p = matMul({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
    const pv = backend.data.get(p.dataId).values as Float32Array;
    for (let i = 0; i < acc.length; i++) acc[i] += pv[i];
    for (const t of [a, b, p]) backend.disposeIntermediateTensorInfo(t);
  }
  if (nchw) {
    backend.disposeIntermediateTensorInfo(x);
    backend.disposeIntermediateTensorInfo(dy);
  }
  return backend.makeTensorInfo(attrs.filterShape, 'float32', acc);
};

export function registerCpuConv2DBackpropFilter(): void {
  overrideKernel({ kernelName: Conv2DBackpropFilter, backendName: 'cpu', kernelFunc: conv2DBackpropFilterCpu });
}
