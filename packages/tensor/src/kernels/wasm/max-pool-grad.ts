/**
 * `MaxPoolGrad` on wasm for windows that do not overlap (stride >= window, no dilation: 2x2/2 and the like),
 * in our SIMD module (assembly/pool-grad.ts), four channels at a time, split by output rows across our thread
 * pool where it runs. It zeroes and writes the gradient in one pass. Other windows: null (the TypeScript loop).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { PoolGeometry } from '../shared/pool-grad.js';
import { alloc, f32, free, pointer, type WasmBackend } from './heap.js';
import { kernelPool } from './pool.js';
import { simdKernels } from './simd.js';

/** Gradients with fewer dy elements than this run on the calling thread alone. */
const PARALLEL_MIN_ELEMENTS = 1 << 15;

export function maxPoolGradSimd(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: PoolGeometry): TensorInfo | null {
  const simd = simdKernels(backend);
  if (simd === null || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  if (g.dilH !== 1 || g.dilW !== 1 || g.strideH < g.fH || g.strideW < g.fW) return null;
  const out = alloc(backend, x.shape);
  const at = (t: TensorInfo) => pointer(backend, t);
  const args = [at(x), at(dy), at(out), g.inH, g.inW, g.channels, g.outH, g.outW, g.fH, g.fW, g.strideH, g.strideW, g.padTop, g.padLeft];
  const rows = g.batch * g.outH;
  const pool = kernelPool(backend);
  try {
    if (rows === 0) {
      f32(backend, out).fill(0); // no windows: nothing to route
    } else if (pool !== null && rows * g.outW * g.channels >= PARALLEL_MIN_ELEMENTS) {
      pool.run('maxPoolGrad', args, rows, Math.max(1, Math.ceil(rows / (pool.threads * 4))));
    } else {
      (simd.maxPoolGrad as (...a: number[]) => void)(...args, 0, rows);
    }
  } catch (e) {
    free(backend, out);
    throw e;
  }
  return out;
}
