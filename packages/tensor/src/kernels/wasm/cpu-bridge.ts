/**
 * Every kernel that tfjs's cpu backend has and its wasm backend lacks (e.g. `Einsum`, the ragged kernels),
 * registered for wasm by running the cpu kernel on copies of the inputs. This makes the wasm backend complete
 * for the Keras catalogue; kernels on a hot training path get a native wasm kernel of ours instead.
 */
import { engine, getKernel, getKernelsForBackend, registerKernel } from '@tensorflow/tfjs-core';
import type { DataType, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackend } from './heap.js';

/** Complex-valued, string and drawing kernels: the wasm backend cannot hold their dtypes. */
const NOT_BRIDGED = new Set(['Complex', 'ComplexAbs', 'FFT', 'IFFT', 'Real', 'Imag', 'Draw', 'StaticRegexReplace']);


function bridge(kernelName: string): KernelFunc {
  return (args) => {
    const wasm = args.backend as WasmBackend;
    const cpu = engine().findBackend('cpu') as KernelBackend | null;
    const kernel = getKernel(kernelName, 'cpu');
    if (cpu == null || kernel == null) {
      throw new Error(`Kernel '${kernelName}' is not available on wasm, and the cpu backend that provides it is not registered.`);
    }
    const src = args.inputs as unknown as Record<string, TensorInfo>;
    const copies: TensorInfo[] = [];
    const cpuInputs: Record<string, TensorInfo> | TensorInfo[] = Array.isArray(src) ? [] : {};
    for (const [k, t] of Object.entries(src)) {
      const c: TensorInfo = { dataId: cpu.write(wasm.readSync(t.dataId), t.shape, t.dtype as DataType), shape: t.shape, dtype: t.dtype };
      copies.push(c);
      (cpuInputs as Record<string, TensorInfo>)[k] = c;
    }
    try {
      const out = kernel.kernelFunc({ inputs: cpuInputs as never, backend: cpu, attrs: args.attrs });
      const outs = Array.isArray(out) ? out : [out];
      const results = outs.map((o) => {
        const r = wasm.makeOutput(o.shape, o.dtype as DataType, undefined, cpu.readSync(o.dataId));
        cpu.disposeData(o.dataId);
        return r;
      });
      return Array.isArray(out) ? results : results[0];
    } finally {
      for (const c of copies) cpu.disposeData(c.dataId);
    }
  };
}

/** Names of the kernels bridged from cpu to wasm (registered by {@link registerCpuBridge}). */
export const bridgedKernels: string[] = [];

/** Registers the bridge for each cpu kernel that wasm lacks (call after all other keras-ts kernels). */
export function registerCpuBridge(): void {
  for (const k of getKernelsForBackend('cpu')) {
    if (NOT_BRIDGED.has(k.kernelName) || getKernel(k.kernelName, 'wasm') != null) continue;
    registerKernel({ kernelName: k.kernelName, backendName: 'wasm', kernelFunc: bridge(k.kernelName) });
    bridgedKernels.push(k.kernelName);
  }
}
