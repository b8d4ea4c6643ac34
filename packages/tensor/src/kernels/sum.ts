/**
 * `Sum` over leading axes on wasm and cpu (the gradient of every bias add: sum of dy over batch and space).
 * tfjs transposes the reduced axes to the end and then sums each row, a full extra pass over the largest
 * tensor of the step. On wasm the sum of the rows of x [rows, cols] is XNNPack's average pooling of
 * [1, rows, 1, cols] over a [rows, 1] window, times rows (16x faster than a loop in JS: measured 0.35 ms
 * against 5.5 ms for 128x26x26x32); on cpu a row-sum loop. Other reductions go to tfjs's own kernel.
 */
import { AvgPool, Sum, util } from '@tensorflow/tfjs-core';
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CpuBackend } from './cpu/backend.js';
import { overrideKernel, stockKernelFunc } from './registry.js';
import { leadingPrefix, sumRows } from './shared/reduce.js';
import { f32, runStock, view, type WasmBackend } from './wasm/heap.js';

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/** [rows, cols, output shape] when this is a float32 sum over leading axes; null otherwise. */
function plan(x: TensorInfo, attrs: SumAttrs): [number, number, number[]] | null {
  if (x.dtype !== 'float32' || x.shape.length < 2) return null;
  const axes = util.parseAxisParam(attrs.axis, x.shape);
  const k = leadingPrefix(axes, x.shape.length);
  if (k === null) return null;
  const rows = util.sizeFromShape(x.shape.slice(0, k));
  const cols = util.sizeFromShape(x.shape.slice(k));
  const shape = attrs.keepDims ? x.shape.map((d, i) => (i < k ? 1 : d)) : x.shape.slice(k);
  return [rows, cols, shape];
}

function kernel(backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const p = plan(x, args.attrs as unknown as SumAttrs);
    if (p === null) return stockKernelFunc(Sum, backendName)(args);
    const [rows, cols, shape] = p;
    if (backendName === 'wasm') {
      const b = args.backend as WasmBackend;
      const attrs = { filterSize: [rows, 1], strides: 1, pad: 'valid' } as unknown as NamedAttrMap;
      const mean = runStock(b, AvgPool, { x: view(x, [1, rows, 1, cols]) }, attrs);
      const values = f32(b, mean);
      for (let i = 0; i < cols; i++) values[i] *= rows;
      return view(mean, shape);
    }
    const b = args.backend as CpuBackend;
    const out = new Float32Array(cols);
    sumRows(b.data.get(x.dataId).values as Float32Array, rows, cols, out);
    return b.makeTensorInfo(shape, 'float32', out);
  };
}

export function registerSum(): void {
  overrideKernel({ kernelName: Sum, backendName: 'wasm', kernelFunc: kernel('wasm') });
  overrideKernel({ kernelName: Sum, backendName: 'cpu', kernelFunc: kernel('cpu') });
}
