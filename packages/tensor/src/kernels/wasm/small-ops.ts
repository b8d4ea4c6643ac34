/**
 * Small float32 ops kept off XNNPack's thread pool on the threaded backend. XNNPack splits even a 128x10
 * softmax or a broadcast multiply across its threads, and when its worker has gone to sleep (after any gap,
 * such as one of our products) the op waits for the wake-up: in a 2-thread MLP step, Softmax [128,10] took
 * 0.40 ms against 0.02 ms on one thread, a [1]x[128] multiply 0.23 ms against 0.006 ms. Outputs of at most
 * {@link SMALL} elements run here instead, as plain loops over the heap on the calling thread; larger ones,
 * other dtypes, and every op on the single-threaded backend stay on XNNPack.
 *
 * The ops are those of a classifier's loss and its gradient that XNNPack runs on its pool (found by watching
 * its worker's CPU time): Softmax (last axis), Neg, Sigmoid, and Add/Sub/Multiply/RealDiv when they broadcast
 * (same-shape ones run on the calling thread already). Each element is one float32 operation (`Math.fround` of
 * the double result, which is the correctly rounded float32 one for + - * /); Softmax and Sigmoid use
 * `Math.exp`, within an ulp or two of XNNPack's.
 */
import { backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel, stockKernelFunc } from '../registry.js';
import { alloc, f32, type WasmBackend } from './heap.js';

/** Largest output (elements) kept off XNNPack's pool. */
export const SMALL = 1 << 14;

/** Ops run here so far (for tests). */
export const smallOpsStats = { ran: 0 };

const fround = Math.fround;

const threadedBackends = new WeakMap<object, boolean>();

/** Whether `backend` is the threaded build (asked once per backend: its thread count never changes). */
function threaded(backend: WasmBackend): boolean {
  let t = threadedBackends.get(backend);
  if (t === undefined) {
    const tfjs = (backend.wasm as unknown as { tfjs?: { getThreadsCount?: () => number } }).tfjs;
    t = (tfjs?.getThreadsCount?.() ?? 1) > 1;
    threadedBackends.set(backend, t);
  }
  return t;
}

const takes = (backend: WasmBackend, ts: TensorInfo[], outSize: number) =>
  outSize <= SMALL && ts.every((t) => t.dtype === 'float32') && threaded(backend);

const BINARY: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Multiply: (a, b) => a * b,
  RealDiv: (a, b) => a / b,
};

/** Element strides of `shape` broadcast to `out` (0 along broadcast axes). */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let s = 1;
  for (let i = shape.length - 1, j = out.length - 1; i >= 0; i--, j--) {
    strides[j] = shape[i] === 1 ? 0 : s;
    s *= shape[i]!;
  }
  return strides;
}

function binary(kernelName: string): KernelFunc {
  const op = BINARY[kernelName]!;
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const backend = args.backend as WasmBackend;
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    const shape = same ? a.shape : backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const n = util.sizeFromShape(shape);
    if (same || !takes(backend, [a, b], n)) return stockKernelFunc(kernelName, 'wasm')(args);
    smallOpsStats.ran++;
    const out = alloc(backend, shape);
    const x = f32(backend, a), y = f32(backend, b), z = f32(backend, out);
    const sa = broadcastStrides(a.shape, shape), sb = broadcastStrides(b.shape, shape);
    const rank = shape.length, last = rank - 1;
    const idx = new Array<number>(rank).fill(0);
    let ia = 0, ib = 0;
    for (let i = 0; i < n; i++) {
      z[i] = fround(op(x[ia]!, y[ib]!));
      // Advance the multi-index (last axis fastest), moving the input offsets by their strides.
      for (let d = last; d >= 0; d--) {
        ia += sa[d]!;
        ib += sb[d]!;
        if (++idx[d]! < shape[d]!) break;
        ia -= sa[d]! * shape[d]!;
        ib -= sb[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
    return out;
  };
}

const UNARY: Record<string, (v: number) => number> = {
  Neg: (v) => -v,
  Sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};

function unary(kernelName: string): KernelFunc {
  const f = UNARY[kernelName]!;
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const backend = args.backend as WasmBackend;
    if (!takes(backend, [x], util.sizeFromShape(x.shape))) return stockKernelFunc(kernelName, 'wasm')(args);
    smallOpsStats.ran++;
    const out = alloc(backend, x.shape);
    const v = f32(backend, x), z = f32(backend, out);
    for (let i = 0; i < v.length; i++) z[i] = f(v[i]!);
    return out;
  };
}

const softmax: KernelFunc = (args) => {
  const { logits } = args.inputs as { logits: TensorInfo };
  const { dim } = args.attrs as unknown as { dim: number };
  const backend = args.backend as WasmBackend;
  const rank = logits.shape.length;
  const lastAxis = dim === -1 || dim === rank - 1;
  if (!lastAxis || rank === 0 || !takes(backend, [logits], util.sizeFromShape(logits.shape))) {
    return stockKernelFunc('Softmax', 'wasm')(args);
  }
  smallOpsStats.ran++;
  const out = alloc(backend, logits.shape);
  const v = f32(backend, logits), z = f32(backend, out);
  const cols = logits.shape[rank - 1]!;
  for (let r = 0; r < v.length; r += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, v[r + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = fround(Math.exp(fround(v[r + j]! - max)));
      z[r + j] = e;
      sum = fround(sum + e);
    }
    for (let j = 0; j < cols; j++) z[r + j] = fround(z[r + j]! / sum);
  }
  return out;
};

/** Registers the kernels above for wasm (each falls back to tfjs's own where it does not take the op). */
export function registerWasmSmallOps(): void {
  for (const kernelName of Object.keys(BINARY)) overrideKernel({ kernelName, backendName: 'wasm', kernelFunc: binary(kernelName) });
  for (const kernelName of Object.keys(UNARY)) overrideKernel({ kernelName, backendName: 'wasm', kernelFunc: unary(kernelName) });
  overrideKernel({ kernelName: 'Softmax', backendName: 'wasm', kernelFunc: softmax });
}
