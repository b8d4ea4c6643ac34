/**
 * `BatchMatMul` and `_FusedMatMul` on wasm with transposed operands. The stock kernels run their fast
 * (XNNPack) path only when neither operand is transposed and fall back to a naive loop otherwise (~15x slower),
 * which is exactly what every Dense backprop asks for. We transpose the operand into a heap scratch buffer
 * (cheap: O(n^2) against the O(n^3) product; our SIMD transpose, or a TypeScript loop where that cannot
 * start) and call the stock kernel untransposed.
 */
import { BatchMatMul, _FusedMatMul, util } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { transposeBatched } from '../shared/transpose.js';
import { alloc, f32, free, type WasmBackend } from './heap.js';
import { simdKernels } from './simd.js';

/** A heap copy of `t` with its last two axes swapped. */
export function transposeLastTwo(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const rows = t.shape[r - 2];
  const cols = t.shape[r - 1];
  const outShape = [...t.shape.slice(0, r - 2), cols, rows];
  const out = alloc(backend, outShape);
  const batch = util.sizeFromShape(t.shape.slice(0, r - 2));
  const simd = simdKernels(backend);
  if (simd) {
    const offset = (x: TensorInfo) => backend.dataIdMap.get(x.dataId).memoryOffset;
    simd.transpose(offset(t), offset(out), batch, rows, cols);
  } else {
    transposeBatched(f32(backend, t), f32(backend, out), batch, rows, cols);
  }
  return out;
}

function untransposed(kernelName: string): KernelFunc {
  return (args) => {
    const backend = args.backend as WasmBackend;
    const inputs = args.inputs as Record<string, TensorInfo>;
    const attrs = args.attrs as NamedAttrMap;
    const stock = stockKernelFunc(kernelName, 'wasm');
    const { a, b } = inputs;
    const tA = attrs.transposeA === true;
    const tB = attrs.transposeB === true;
    if ((!tA && !tB) || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
      return stock(args);
    }
    const aT = tA ? transposeLastTwo(backend, a) : null;
    const bT = tB ? transposeLastTwo(backend, b) : null;
    try {
      return stock({
        inputs: { ...inputs, a: aT ?? a, b: bT ?? b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      free(backend, aT, bT);
    }
  };
}

export function registerWasmMatMul(): void {
  overrideKernel({ kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: untransposed(BatchMatMul) });
  overrideKernel({ kernelName: _FusedMatMul, backendName: 'wasm', kernelFunc: untransposed(_FusedMatMul) });
}
