/**
 * Jobs over batch rows whose rows are independent (a whole recurrent sequence: each row's recurrence is its
 * own): one chunk of rows per thread of our pool where it runs, else all rows on the calling thread.
 */
import type { WasmBackend } from './heap.js';
import { kernelPool, type PoolFunction } from './pool.js';
import { simdKernels } from './simd.js';

/** Rows per chunk are a multiple of the GEMM's register tile. */
const ROW_ALIGN = 4;

/** Runs `fn(...args, r0, r1)` over rows [0, rows) of `backend`'s SIMD kernels, split across its pool. */
export function runRows(backend: WasmBackend, fn: PoolFunction, args: number[], rows: number): void {
  const pool = kernelPool(backend);
  if (pool === null) {
    (simdKernels(backend)![fn] as (...a: number[]) => void)(...args, 0, rows);
    return;
  }
  pool.run(fn, args, rows, ROW_ALIGN * Math.max(1, Math.ceil(rows / (pool.threads * ROW_ALIGN))));
}
