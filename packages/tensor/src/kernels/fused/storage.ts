/**
 * Direct access to a tensor's float32 storage on the wasm and cpu backends, for fused updates that run
 * outside the kernel registry (optimizer steps write their variables in place).
 */
import { engine } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { CpuBackend } from '../cpu/backend.js';
import { f32, type WasmBackend } from '../wasm/heap.js';

interface EngineInternals {
  backend: object;
  backendName: string;
  state: { tensorInfo: WeakMap<object, { backend: object }> };
}

interface Counted {
  refCount(dataId: object): number;
}

/**
 * The float32 values of `t` as stored by the active backend (wasm heap or cpu array), or null when `t` is not a
 * float32 tensor held by an active wasm or cpu backend. With `exclusive`, also null unless no other tensor
 * shares the buffer (a clone or reshape of it), so that writing through the view changes `t` alone.
 * Take views after any allocation on the wasm heap (growing it detaches older views).
 */
export function float32Storage(t: Tensor, exclusive = false): Float32Array | null {
  if (t.dtype !== 'float32' || t.isDisposed) return null;
  const e = engine() as unknown as EngineInternals;
  const name = e.backendName;
  if (name !== 'wasm' && name !== 'cpu') return null;
  if (e.state.tensorInfo.get(t.dataId)?.backend !== e.backend) return null;
  if (exclusive && (e.backend as Counted).refCount(t.dataId) !== 1) return null;
  if (name === 'wasm') {
    const b = e.backend as WasmBackend;
    const entry = b.dataIdMap.get(t.dataId) as { memoryOffset: number | null } | undefined;
    return entry?.memoryOffset == null ? null : f32(b, t);
  }
  const values = (e.backend as CpuBackend).data.get(t.dataId)?.values;
  return values instanceof Float32Array && values.length === t.size ? values : null;
}
