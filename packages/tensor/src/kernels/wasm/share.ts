/**
 * `Identity` and same-dtype `Cast` on wasm without a copy. tfjs's wasm kernels copy the whole buffer, and the
 * engine clones every tensor it saves for the backward pass (`saveTensorsForBackwardMode`), so a training step
 * used to copy each layer's activations once more. Tensors are immutable, so the output can share the input's
 * buffer: the backend counts references (`incRef`) and frees the buffer with the last one, exactly as tfjs's
 * own `Reshape` and the cpu backend's `Identity` do.
 *
 * Casting to bool is also ours: tfjs's wasm kernel stores the number's low byte (-2 became 254, 256 became
 * false); any non-zero value is true, as in TensorFlow.
 */
import { Cast, Identity } from '@tensorflow/tfjs-core';
import type { DataType, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { alloc, f32, i32, type WasmBackend } from './heap.js';

function share(backend: WasmBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
}

export const identityWasm: KernelFunc = (args) => {
  const x = (args.inputs as { x: TensorInfo }).x;
  if (x.dtype === 'string') return stockKernelFunc(Identity, 'wasm')(args);
  return share(args.backend as WasmBackend, x);
};

export const castWasm: KernelFunc = (args) => {
  const x = (args.inputs as { x: TensorInfo }).x;
  const { dtype } = args.attrs as { dtype: DataType };
  const backend = args.backend as WasmBackend;
  if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
    const out = alloc(backend, x.shape, 'bool');
    const src = x.dtype === 'float32' ? f32(backend, x) : i32(backend, x);
    const { memoryOffset } = backend.dataIdMap.get(out.dataId);
    const dst = new Uint8Array(src.buffer, memoryOffset, src.length);
    for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
    return out;
  }
  if (dtype !== x.dtype || x.dtype === 'string' || x.dtype === 'complex64') return stockKernelFunc(Cast, 'wasm')(args);
  return share(backend, x);
};

export function registerWasmSharing(): void {
  overrideKernel({ kernelName: Identity, backendName: 'wasm', kernelFunc: identityWasm });
  overrideKernel({ kernelName: Cast, backendName: 'wasm', kernelFunc: castWasm });
}
