/**
 * Access to the wasm backend's heap from TypeScript kernels: typed views of tensors, scratch tensors that the
 * engine never sees (allocated and freed inside one kernel call), and calls into the backend's own kernels.
 */
import { util } from '@tensorflow/tfjs-core';
import type { DataType, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernelFunc } from '../registry.js';

/** The parts of tfjs-backend-wasm's `BackendWasm` that our kernels use. */
export interface WasmBackend extends KernelBackend {
  wasm: { HEAPU8: Uint8Array; wasmMemory?: WebAssembly.Memory };
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: unknown): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
  refCount(dataId: object): number;
}

function heap(backend: WasmBackend): ArrayBuffer {
  // With threads the memory is shared and may have grown under a stale HEAPU8 view.
  const mem = backend.wasm.wasmMemory;
  return (mem ? mem.buffer : backend.wasm.HEAPU8.buffer) as ArrayBuffer;
}

/** A Float32Array view of a float32 tensor on the heap. Take views after the last allocation of the call. */
export function f32(backend: WasmBackend, t: TensorInfo): Float32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  return new Float32Array(heap(backend), memoryOffset, util.sizeFromShape(t.shape));
}

/** A view of a float32, int32 or bool tensor on the heap, typed by its dtype (bool: one byte per element). */
export function typedView(backend: WasmBackend, t: TensorInfo): Float32Array | Int32Array | Uint8Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  const n = util.sizeFromShape(t.shape);
  if (t.dtype === 'float32') return new Float32Array(heap(backend), memoryOffset, n);
  if (t.dtype === 'int32') return new Int32Array(heap(backend), memoryOffset, n);
  return new Uint8Array(heap(backend), memoryOffset, n);
}

/** The byte offset of a tensor's data on the heap: the pointer our SIMD kernels take. */
export function pointer(backend: WasmBackend, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

/** A Float32Array view of `size` floats at byte offset `offset` of the heap. */
export function f32At(backend: WasmBackend, offset: number, size: number): Float32Array {
  return new Float32Array(heap(backend), offset, size);
}

/** An Int32Array view of an int32 tensor on the heap. */
export function i32(backend: WasmBackend, t: TensorInfo): Int32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  return new Int32Array(heap(backend), memoryOffset, util.sizeFromShape(t.shape));
}

/** A new uninitialized tensor on the heap (the kernel's output, or scratch to {@link free}). */
export function alloc(backend: WasmBackend, shape: number[], dtype: DataType = 'float32'): TensorInfo {
  return backend.makeOutput(shape, dtype);
}

/** A new zero-filled float32 tensor on the heap. */
export function zeros(backend: WasmBackend, shape: number[]): TensorInfo {
  const t = alloc(backend, shape);
  f32(backend, t).fill(0);
  return t;
}

/** Frees scratch tensors made by {@link alloc} or returned by a stock kernel. */
export function free(backend: WasmBackend, ...ts: Array<TensorInfo | null | undefined>): void {
  for (const t of ts) if (t) backend.disposeData(t.dataId);
}

/** Runs tfjs's own wasm kernel `name` (never ours) on heap tensors. */
export function runStock(
  backend: WasmBackend,
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  return stockKernelFunc(name, 'wasm')({ inputs, backend, attrs }) as TensorInfo;
}

/** Tensor info with another shape over the same data (no copy; do not free it separately). */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}
