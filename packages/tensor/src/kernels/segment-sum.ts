/**
 * `UnsortedSegmentSum` for wasm (absent from tfjs's wasm backend; it is the gradient of `gather`, so Embedding
 * cannot train without it) and for cpu (whose kernel runs one mask-and-sum per segment: O(vocab x rows)).
 */
import { UnsortedSegmentSum } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CpuBackend } from './cpu/backend.js';
import { overrideKernel } from './registry.js';
import { segmentSumShape, unsortedSegmentSum } from './shared/segment-sum.js';
import { alloc, f32, i32, type WasmBackend } from './wasm/heap.js';

interface Attrs {
  numSegments: number;
}

function checkDtype(x: TensorInfo): void {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new TypeError(`UnsortedSegmentSum: expected x of dtype float32 or int32, but received ${x.dtype}.`);
  }
}

export const unsortedSegmentSumWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as unknown as Attrs;
  checkDtype(x);
  const { shape, inner } = segmentSumShape(x.shape, segmentIds.shape, numSegments);
  const out = alloc(backend, shape, x.dtype);
  const view = (t: TensorInfo) => (t.dtype === 'int32' ? i32(backend, t) : f32(backend, t));
  const o = view(out);
  o.fill(0);
  unsortedSegmentSum(view(x), view(segmentIds), inner, numSegments, o);
  return out;
};

export const unsortedSegmentSumCpu: KernelFunc = (args) => {
  const backend = args.backend as CpuBackend;
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as unknown as Attrs;
  checkDtype(x);
  const { shape, inner } = segmentSumShape(x.shape, segmentIds.shape, numSegments);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = x.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  const ids = backend.data.get(segmentIds.dataId).values as Int32Array;
  unsortedSegmentSum(backend.data.get(x.dataId).values as Float32Array, ids, inner, numSegments, out);
  return backend.makeTensorInfo(shape, x.dtype, out);
};

export function registerSegmentSum(): void {
  overrideKernel({ kernelName: UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSumWasm });
  overrideKernel({ kernelName: UnsortedSegmentSum, backendName: 'cpu', kernelFunc: unsortedSegmentSumCpu });
}
