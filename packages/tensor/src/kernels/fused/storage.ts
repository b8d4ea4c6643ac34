/**
 * Direct access to a tensor's float32 storage on the wasm and cpu backends, for fused updates that run
 * outside the kernel registry (optimizer steps write their variables in place).
 */
import { engine } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { CpuBackend } from '../cpu/backend.js';
import { f32At, type WasmBackend } from '../wasm/heap.js';
import { forgetPacking } from '../wasm/packing.js';

interface EngineInternals {
  backend: object;
  backendName: string;
  state: { tensorInfo: WeakMap<object, { backend: object }> };
}

interface Counted {
  refCount(dataId: object): number;
}

/** Where a float32 tensor lives: a byte offset into the wasm heap, or a cpu array. */
export type Storage =
  | { kind: 'wasm'; backend: WasmBackend; record: object; id: number; offset: number; size: number }
  | { kind: 'cpu'; entry: { values: Float32Array } };

/**
 * Where `t`'s float32 values are stored by the active backend, or null when `t` is not a float32 tensor held
 * by an active wasm or cpu backend. With `exclusive`, also null unless no other tensor shares the buffer (a
 * clone or reshape of it), so that writing there changes `t` alone.
 */
export function storageOf(t: Tensor, exclusive = false): Storage | null {
  if (t.dtype !== 'float32' || t.isDisposed) return null;
  const e = engine() as unknown as EngineInternals;
  const name = e.backendName;
  if (name !== 'wasm' && name !== 'cpu') return null;
  if (e.state.tensorInfo.get(t.dataId)?.backend !== e.backend) return null;
  if (exclusive && (e.backend as Counted).refCount(t.dataId) !== 1) return null;
  if (name === 'wasm') {
    const backend = e.backend as WasmBackend;
    const entry = backend.dataIdMap.get(t.dataId) as { id: number; memoryOffset: number | null } | undefined;
    return entry?.memoryOffset == null ? null : { kind: 'wasm', backend, record: entry, id: entry.id, offset: entry.memoryOffset, size: t.size };
  }
  const entry = (e.backend as CpuBackend).data.get(t.dataId) as { values: Float32Array } | undefined;
  return entry?.values instanceof Float32Array && entry.values.length === t.size ? { kind: 'cpu', entry } : null;
}

/** A Float32Array view of a storage, for reading (take wasm views after the last heap allocation). */
export function view(s: Storage): Float32Array {
  if (s.kind === 'cpu') return s.entry.values;
  return f32At(s.backend, s.offset, s.size);
}

/**
 * A Float32Array to write the tensor's new values into. On wasm the heap itself; on cpu a copy that replaces
 * the stored array (copy on write): the cpu backend hands its own array out of `dataSync()`, and values read
 * before an update must not change under the reader.
 */
export function writable(s: Storage): Float32Array {
  if (s.kind === 'wasm') return f32At(s.backend, s.offset, s.size);
  const copy = new Float32Array(s.entry.values);
  s.entry.values = copy;
  return copy;
}

interface WasmTensorRegistry {
  registerTensor(id: number, size: number, memoryOffset: number): void;
  disposeData(id: number): void;
}

/**
 * Tells the backend that a buffer was written in place. tfjs's wasm kernels cache work derived from a tensor
 * by its id (XNNPack operators holding packed copies of a matmul's or convolution's weights) and drop it only
 * when the tensor is disposed; re-registering the id under the same buffer drops those caches, so the next
 * kernel sees the new values.
 */
export function markWritten(s: Storage): void {
  if (s.kind !== 'wasm') return;
  const registry = (s.backend.wasm as unknown as { tfjs: WasmTensorRegistry }).tfjs;
  registry.disposeData(s.id);
  registry.registerTensor(s.id, s.size, s.offset);
  forgetPacking(s.record);
}
