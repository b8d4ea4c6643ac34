/**
 * `Slice`, `Unpack` and `SplitV` on wasm. tfjs's wasm `Slice` first reads its whole input out of the heap into
 * a fresh array (`readSync`), then copies the slice; `Unpack` and `SplitV` call it once per output, so
 * unstacking a sequence of T steps copied the sequence T times (the heart of every recurrent layer). Here each
 * output copies only its own elements, straight from the heap.
 */
import { SplitV, Slice, Unpack, backend_util, slice_util, util } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { copyBox } from '../shared/strided-slice.js';
import { alloc, typedView as view, type WasmBackend } from './heap.js';

const SUPPORTED = new Set(['float32', 'int32', 'bool']);

/** The box of `x` as a new tensor of shape `size` (or `outShape`, same element count). */
function box(backend: WasmBackend, x: TensorInfo, begin: number[], size: number[], outShape = size): TensorInfo {
  const out = alloc(backend, outShape, x.dtype);
  if (util.sizeFromShape(size) > 0) copyBox(view(backend, x), x.shape, begin, size, view(backend, out));
  return out;
}

export const sliceWasm: KernelFunc = (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  if (!SUPPORTED.has(x.dtype)) return stockKernelFunc(Slice, 'wasm')(args);
  const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
  const [b, s] = slice_util.parseSliceParams(x as never, begin, size);
  return box(args.backend as WasmBackend, x, b, s);
};

export const unpackWasm: KernelFunc = (args) => {
  const { value } = args.inputs as { value: TensorInfo };
  if (!SUPPORTED.has(value.dtype)) return stockKernelFunc(Unpack, 'wasm')(args);
  const rank = value.shape.length;
  let { axis } = args.attrs as unknown as { axis: number };
  if (axis < 0) axis += rank;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  const begin = new Array<number>(rank).fill(0);
  return Array.from({ length: value.shape[axis]! }, (_, i) => {
    begin[axis] = i;
    return box(args.backend as WasmBackend, value, begin, size, outShape);
  });
};

export const splitVWasm: KernelFunc = (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  if (!SUPPORTED.has(x.dtype)) return stockKernelFunc(SplitV, 'wasm')(args);
  const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
  const ax = util.parseAxisParam(axis, x.shape)[0]!;
  const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, ax);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[ax] = s;
    const out = box(args.backend as WasmBackend, x, begin, size);
    begin[ax] += s;
    return out;
  });
};

export function registerWasmSlices(): void {
  overrideKernel({ kernelName: Slice, backendName: 'wasm', kernelFunc: sliceWasm });
  overrideKernel({ kernelName: Unpack, backendName: 'wasm', kernelFunc: unpackWasm });
  overrideKernel({ kernelName: SplitV, backendName: 'wasm', kernelFunc: splitVWasm });
}
