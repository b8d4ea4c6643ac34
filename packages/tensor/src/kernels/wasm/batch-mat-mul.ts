/**
 * `BatchMatMul` and `_FusedMatMul` on wasm. Products our GEMM suits (see gemm.ts: new operands, threads) run
 * there. For the others: the stock kernels run their fast (XNNPack) path only when neither operand is
 * transposed and fall back to a naive loop otherwise (~15x slower), which is exactly what every Dense backprop
 * asks for, so we transpose the operand into a heap scratch buffer (cheap: O(n^2) against the O(n^3) product)
 * and call the stock kernel untransposed.
 */
import { BatchMatMul, _FusedMatMul } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { free, type WasmBackend } from './heap.js';
import { gemmMatMul } from './gemm.js';
import { transposeLastTwo } from './transpose.js';

function untransposed(kernelName: string): KernelFunc {
  return (args) => {
    const backend = args.backend as WasmBackend;
    const inputs = args.inputs as Record<string, TensorInfo>;
    const attrs = args.attrs as NamedAttrMap;
    const stock = stockKernelFunc(kernelName, 'wasm');
    const { a, b } = inputs;
    const tA = attrs.transposeA === true;
    const tB = attrs.transposeB === true;
    const activation = attrs.activation ?? 'linear';
    if ((activation === 'linear' || activation === 'relu') && inputs.preluActivationWeights == null) {
      const opts = { transposeA: tA, transposeB: tB, bias: inputs.bias ?? null, relu: activation === 'relu' };
      const out = gemmMatMul(backend, a!, b!, opts);
      if (out !== null) return out;
    }
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
