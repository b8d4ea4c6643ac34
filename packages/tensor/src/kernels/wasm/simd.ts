/**
 * Our SIMD kernels (AssemblyScript in `assembly/`, compiled at install by `scripts/build-simd.mjs`), running
 * directly on the wasm backend's heap: the module imports the backend's own `WebAssembly.Memory`, so a
 * tensor's `memoryOffset` is a pointer it can read and write, with no copy in or out. One instance per backend
 * (per memory); null where it cannot start (no memory object found, no SIMD), and callers then use their
 * TypeScript loops. On the threaded backend the asynchronous start also starts our thread pool (pool.ts).
 */
import { plain, shared } from '../../generated/simd-kernels.js';
import type { WasmBackend } from './heap.js';
import { KernelPool, setKernelPool } from './pool.js';

export interface SimdKernels {
  /** Adam's in-place update (see assembly/adam.ts); `h` is 0 without amsgrad. */
  adam(p: number, g: number, m: number, v: number, h: number, n: number, alpha: number, c1: number, c2: number, eps: number): void;
  /** Transposes `batch` float32 matrices [rows, cols] at byte offset `src` into [cols, rows] at `dst`. */
  transpose(src: number, dst: number, batch: number, rows: number, cols: number): void;
  /** One LSTM step (see assembly/lstm.ts). */
  lstmCell(z: number, c: number, h: number, cNew: number, acts: number, batch: number, units: number): void;
  /** The gradient of one LSTM step. */
  lstmCellGrad(dh: number, dc: number, c: number, acts: number, dz: number, dcPrev: number, batch: number, units: number): void;
  /** One GRU step, reset gate after the recurrent product (see assembly/gru.ts). */
  gruCell(x: number, inner: number, h: number, hNew: number, acts: number, batch: number, units: number): void;
  /** The gradient of one GRU step. */
  gruCellGrad(dh: number, h: number, acts: number, dx: number, dInner: number, dhDirect: number, batch: number, units: number): void;
  /**
   * Batch rows [r0, r1) of a whole LSTM sequence, forward and backward, and of a GRU's (assembly/sequence.ts);
   * `mask` 0 for none.
   */
  lstmSequenceRows(x: number, u: number, h: number, c: number, acts: number, z: number, mask: number, batch: number, units: number, steps: number, r0: number, r1: number): void;
  lstmSequenceGradRows(
    dy: number, uT: number, c: number, acts: number, dz: number, dh: number, dhNext: number, dc: number, dcPrev: number, mask: number,
    batch: number, units: number, steps: number, r0: number, r1: number,
  ): void;
  gruSequenceRows(x: number, u: number, rb: number, h: number, acts: number, inner: number, mask: number, batch: number, units: number, steps: number, r0: number, r1: number): void;
  gruSequenceGradRows(
    dy: number, uT: number, h: number, acts: number, dx: number, dInner: number, dh: number, dhDirect: number, back: number,
    dhNext: number, mask: number, batch: number, units: number, steps: number, r0: number, r1: number,
  ): void;
  /** dst = a + b over n floats. */
  addInto(dst: number, a: number, b: number, n: number): void;
  /** Output rows [r0, r1) of (batch * outH) of a max-pooling gradient, see assembly/pool-grad.ts. */
  maxPoolGrad(
    x: number, dy: number, dx: number, inH: number, inW: number, c: number, outH: number, outW: number, fH: number,
    fW: number, strideH: number, strideW: number, padTop: number, padLeft: number, r0: number, r1: number,
  ): void;
  /** Elements [e0, e1) of dz = dy * step(y), see assembly/relu-grad.ts. */
  reluGrad(dy: number, y: number, dz: number, e0: number, e1: number): void;
  /** Rows [r0, r1) of C = A·B (+ bias, ReLU), see assembly/gemm.ts. */
  gemm(
    a: number, b: number, c: number, m: number, n: number, k: number, ars: number, acs: number, ldb: number,
    bias: number, relu: number, r0: number, r1: number,
  ): void;
}

interface EmscriptenParts {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
}

const instances = new WeakMap<object, SimdKernels | null>();

function decode(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(base64, 'base64'));
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The ids of the top-level sections of a wasm binary. */
export function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let i = 8; // magic + version
  while (i < bytes.length) {
    ids.push(bytes[i++]!);
    let size = 0, shift = 0, b: number;
    do {
      b = bytes[i++]!;
      size |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    i += size;
  }
  return ids;
}

/** Memory, start-function and data sections would write into the backend's heap: never instantiate those. */
export function ownsNoMemory(bytes: Uint8Array): boolean {
  const ids = sectionIds(bytes);
  return !ids.includes(5) && !ids.includes(8) && !ids.includes(11);
}

/** The backend's heap and the module built for its kind (plain or shared memory); null when not found. */
function target(backend: WasmBackend): { memory: WebAssembly.Memory; bytes: Uint8Array<ArrayBuffer> } | null {
  const parts = backend.wasm as unknown as EmscriptenParts;
  // The threaded build keeps its (shared) memory in `wasmMemory`; the plain build exports it as `asm.memory`.
  const memory = parts.wasmMemory ?? parts.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const isShared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const bytes = decode(isShared ? shared : plain);
  return ownsNoMemory(bytes) ? { memory, bytes } : null;
}

function start(backend: WasmBackend): SimdKernels | null {
  try {
    const t = target(backend);
    if (!t) return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(t.bytes), { env: { memory: t.memory } });
    return instance.exports as unknown as SimdKernels;
  } catch {
    return null; // e.g. browsers refuse to compile modules over 4 KB synchronously on the main thread
  }
}

function backendThreads(backend: WasmBackend): number {
  const tfjs = (backend.wasm as unknown as { tfjs?: { getThreadsCount?: () => number } }).tfjs;
  const n = tfjs?.getThreadsCount?.();
  return typeof n === 'number' && n > 0 ? n : 1;
}

/**
 * Compiles and instantiates the kernels for `backend` asynchronously (run when the wasm backend becomes active),
 * so that browsers, which refuse large synchronous compiles on the main thread, get them too. Resolves to
 * whether the kernels are ready.
 */
export async function startSimdKernels(backend: WasmBackend): Promise<boolean> {
  if (instances.get(backend)) return true;
  try {
    const t = target(backend);
    if (!t) return false;
    const { instance, module } = await WebAssembly.instantiate(t.bytes, { env: { memory: t.memory } });
    instances.set(backend, instance.exports as unknown as SimdKernels);
    // As many threads as the backend's own (XNNPack) pool: the threaded build only.
    setKernelPool(backend, await KernelPool.start(t.memory, module, instance.exports, backendThreads(backend)));
    return true;
  } catch {
    return false; // left to the synchronous attempt (and its null) in simdKernels()
  }
}

/** The SIMD kernels bound to `backend`'s heap, or null when they cannot run there. */
export function simdKernels(backend: WasmBackend): SimdKernels | null {
  let k = instances.get(backend);
  if (k === undefined) {
    k = start(backend);
    instances.set(backend, k);
  }
  return k;
}
