/**
 * Matrix products on our own SIMD GEMM (assembly/gemm.ts), split across our thread pool where it runs.
 *
 * XNNPack packs the right operand of a product into its own layout before it multiplies, on one thread. It
 * caches the packing per tensor, which pays off when that operand is a layer's weight reused for many batches
 * (inference), but in training every operand is new: weights change each step and the backward products take
 * activations and gradients. For a batch of m rows the packing costs about 50/m of the product (a third at
 * m = 128) and never runs in parallel. Our GEMM reads both operands where they lie and runs as fast as XNNPack's
 * kernel (about 42 GFLOP/s on one thread here), so it takes every product except: a right operand multiplied
 * before (packing.ts), whose packing XNNPack then reuses; and, on one thread, tall products with fewer than 8
 * columns, which our GEMM runs one column at a time (its SIMD tiles are 8 columns wide).
 */
import { util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, free, pointer, type WasmBackend } from './heap.js';
import { kernelPool } from './pool.js';
import { noteRightOperand } from './packing.js';
import { simdKernels } from './simd.js';
import { transposeLastTwo } from './transpose.js';

/** On one thread, narrow products (fewer than 8 columns) taller than this go to XNNPack. */
export const MAX_UNPACKED_ROWS = 400;
/** Columns of our GEMM's SIMD tiles. */
const TILE_COLUMNS = 8;
/** Products of fewer multiply-adds run on the calling thread alone: waking a worker costs ~0.1 ms. */
const PARALLEL_MIN_MACS = 1 << 22;

export interface GemmOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** A float32 tensor of n elements added to every row. */
  bias?: TensorInfo | null;
  relu?: boolean;
}

/**
 * Rows per chunk of a parallel product: whole 4-row tiles, one chunk per thread. Every chunk streams all of B
 * once per K block, so more chunks mean more trips through B (4 MB for MNIST conv2's filter gradient): on this
 * kind of machine one chunk per thread beat four (1.8x against 1.6x over one thread at 128x784x256).
 */
function chunkRows(m: number, threads: number): number {
  return 4 * Math.max(1, Math.ceil(m / (threads * 4)));
}

/** Whether {@link gemmMatMul} takes float32 products of `m` rows and `n` columns on `backend`. */
export function gemmTakes(backend: WasmBackend, m: number, n: number): boolean {
  return simdKernels(backend) !== null && (m <= MAX_UNPACKED_ROWS || n >= TILE_COLUMNS || kernelPool(backend) !== null);
}

/**
 * `a @ b` (+ bias, then ReLU) for float32 operands of rank 2 or 3 (equal batch sizes, or 1 on one side) on our
 * GEMM; null where it should not run (no SIMD kernels, other dtypes or shapes, a tall narrow product on one thread),
 * and the caller then runs the stock kernel, which also reports shape errors.
 */
export function gemmMatMul(backend: WasmBackend, a: TensorInfo, b: TensorInfo, opts: GemmOptions = {}): TensorInfo | null {
  const simd = simdKernels(backend);
  if (simd === null || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length, rb = b.shape.length;
  if (ra < 2 || ra > 3 || rb < 2 || rb > 3) return null;
  const batchA = ra === 3 ? a.shape[0]! : 1, batchB = rb === 3 ? b.shape[0]! : 1;
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  const tA = opts.transposeA === true, tB = opts.transposeB === true;
  const m = a.shape[tA ? ra - 1 : ra - 2]!, k = a.shape[tA ? ra - 2 : ra - 1]!;
  const n = b.shape[tB ? rb - 2 : rb - 1]!;
  if (k !== b.shape[tB ? rb - 1 : rb - 2]) return null;
  const bias = opts.bias ?? null;
  if (bias !== null && (bias.dtype !== 'float32' || util.sizeFromShape(bias.shape) !== n)) return null;
  if (!gemmTakes(backend, m, n)) return null;
  // A right operand multiplied before is packed and kept by XNNPack: its packed kernel is faster then.
  if (!tB && noteRightOperand(backend.dataIdMap.get(b.dataId)) > 1) return null;
  const pool = kernelPool(backend);

  const batch = Math.max(batchA, batchB);
  const out = alloc(backend, ra === 2 && rb === 2 ? [m, n] : [batch, m, n]);
  if (m * n === 0) return out;
  const bT = tB ? transposeLastTwo(backend, b) : null; // B row-major [k, n]
  try {
    const at = (t: TensorInfo) => pointer(backend, t);
    const pa = at(a), pb = at(bT ?? b), pc = at(out), pBias = bias === null ? 0 : at(bias);
    const parallel = pool !== null && m * n * k >= PARALLEL_MIN_MACS;
    for (let i = 0; i < batch; i++) {
      const args = [
        pa + (batchA === 1 ? 0 : i * m * k * 4), pb + (batchB === 1 ? 0 : i * k * n * 4), pc + i * m * n * 4,
        m, n, k, tA ? 1 : k, tA ? m : 1, n, pBias, opts.relu === true ? 1 : 0,
      ];
      if (parallel) pool.run('gemm', args, m, chunkRows(m, pool.threads));
      else (simd.gemm as (...x: number[]) => void)(...args, 0, m);
    }
    return out;
  } catch (e) {
    free(backend, out);
    throw e;
  } finally {
    free(backend, bT);
  }
}
