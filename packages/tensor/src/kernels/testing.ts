/** Test helpers for kernels: run one kernel on a backend from plain arrays, compare with a reference. */
import * as tfc from '@tensorflow/tfjs-core';
import type { DataType, NamedAttrMap } from '@tensorflow/tfjs-core';
import { setBackend } from '../backend.js';
import { stockKernelFunc } from './registry.js';

export interface ArrayInput {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype?: DataType;
}

export interface KernelResult {
  shape: number[];
  values: Float32Array | Int32Array | Uint8Array;
}

/**
 * Runs `kernelName` on `backend` (tfjs's stock kernel with `stock: true`) and returns its (first) output;
 * checks that no tensor is left behind.
 */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, ArrayInput>,
  attrs: Record<string, unknown> = {},
  opts: { stock?: boolean } = {},
): Promise<KernelResult> {
  await setBackend(backend);
  const before = tfc.memory().numTensors;
  const ts: Record<string, tfc.Tensor> = {};
  for (const [k, v] of Object.entries(inputs)) ts[k] = tfc.tensor(v.values, v.shape, v.dtype ?? 'float32');
  let out: tfc.Tensor | tfc.Tensor[];
  if (opts.stock) {
    // tfjs's own kernel, bypassing any keras-ts override: the reference.
    const infos: Record<string, tfc.TensorInfo> = {};
    for (const [k, t] of Object.entries(ts)) infos[k] = { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
    const res = stockKernelFunc(kernelName, backend)({ inputs: infos, backend: tfc.engine().backend, attrs: attrs as NamedAttrMap });
    const list = (Array.isArray(res) ? res : [res]).map((r) => tfc.engine().makeTensorFromTensorInfo(r));
    out = Array.isArray(res) ? list : list[0];
  } else {
    out = tfc.engine().runKernel(kernelName, ts as unknown as tfc.NamedTensorMap, attrs as NamedAttrMap) as tfc.Tensor | tfc.Tensor[];
  }
  const first = Array.isArray(out) ? out[0] : out;
  const res = { shape: first.shape.slice(), values: first.dataSync() as Float32Array };
  tfc.dispose(out);
  tfc.dispose(Object.values(ts));
  const after = tfc.memory().numTensors;
  if (after !== before) throw new Error(`${kernelName} on ${backend} leaked ${after - before} tensors`);
  return res;
}

/** Deterministic pseudo-random values in [-1, 1). */
export function randomValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function randomInput(shape: number[], seed: number): ArrayInput {
  return { shape, values: randomValues(shape.reduce((a, b) => a * b, 1), seed) };
}

/** Small deterministic integer generator for shapes. */
export function rng(seed: number): (lo: number, hi: number) => number {
  let s = seed >>> 0 || 1;
  return (lo, hi) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (s % (hi - lo + 1));
  };
}

/**
 * Max error relative to the reference's scale: |a-b| / (1 + |b|) elementwise (1e-4 means agreement to about
 * four significant digits for values of order one, and absolute 1e-4 near zero).
 */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let m = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
    if (!(e <= m)) m = Number.isNaN(e) ? Infinity : e;
  }
  return m;
}
