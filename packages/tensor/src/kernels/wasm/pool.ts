/**
 * Our own thread pool for the SIMD kernels on the threaded wasm backend (Node). Each worker instantiates our
 * kernels module (the shared-memory build, compiled once) on the backend's own `WebAssembly.Memory`, so a job
 * is only a function, its numeric arguments and a row count. The rows are cut into chunks that the calling
 * thread and the workers claim one at a time; the caller works too and takes every chunk nobody has claimed
 * yet, so a worker slow to wake (about 0.1 ms on a VM) costs at most the chunk it holds, never a stall.
 *
 * After a job a worker watches the job word for {@link SPIN_MS} before it sleeps on it: a training step's
 * products often follow each other that closely, and a sleeping worker takes ~0.1 ms to wake. Measured in one
 * process, alternating fits with and without (2 threads): the MLP's step 3-4% faster, the CNN's and an
 * Embedding-GRU's unchanged. Longer spins would take the core from XNNPack's pool and from the JavaScript
 * between kernels.
 *
 * The job word (Int32 at CLAIM) is `seq << 16 | next chunk`. A claim is a compare-exchange of the whole word,
 * so a thread still holding an old job's sequence number can never take a chunk of the next job.
 */
import { RuntimeError } from '../../errors.js';
import type { WasmBackend } from './heap.js';

const CLAIM = 0, DONE = 1, TOTAL = 2, CHUNK = 3, ROWS = 4, FN = 5, NARGS = 6, SLEEPERS = 7, STOP = 8, FAILED = 9;
/** A job whose chunks make no progress for this long (a worker gone) fails instead of hanging. */
const STALL_MS = 60_000;
const MAX_ARGS = 16;
/** How long a worker keeps watching for the next job before it sleeps. */
const SPIN_MS = 0.1;

/** The module's row-range functions a job may run: `f(...args, r0, r1)`. */
export const POOL_FUNCTIONS = [
  'gemm', 'maxPoolGrad', 'reluGrad', 'lstmSequenceRows', 'lstmSequenceGradRows', 'gruSequenceRows', 'gruSequenceGradRows',
] as const;
export type PoolFunction = (typeof POOL_FUNCTIONS)[number];

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { memory, module, ctl, args, fns } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const table = fns.map((f) => exports[f]);
const I = new Int32Array(ctl), A = new Float64Array(args);
let seq = Atomics.load(I, ${CLAIM}) >>> 16;
parentPort.postMessage('ready');
for (;;) {
  let w = Atomics.load(I, ${CLAIM});
  const since = performance.now();
  while ((w >>> 16) === seq && performance.now() - since < ${SPIN_MS}) w = Atomics.load(I, ${CLAIM});
  while ((w >>> 16) === seq) {
    Atomics.add(I, ${SLEEPERS}, 1);
    Atomics.wait(I, ${CLAIM}, w);
    Atomics.sub(I, ${SLEEPERS}, 1);
    w = Atomics.load(I, ${CLAIM});
  }
  if (Atomics.load(I, ${STOP}) !== 0) break;
  seq = w >>> 16;
  let fn = null, a = null;
  for (;;) {
    w = Atomics.load(I, ${CLAIM});
    if ((w >>> 16) !== seq) break;
    const c = w & 0xffff;
    if (c >= I[${TOTAL}]) break;
    if (Atomics.compareExchange(I, ${CLAIM}, w, w + 1) !== w) continue;
    if (fn === null) { fn = table[I[${FN}]]; a = Array.from(A.subarray(0, I[${NARGS}])); }
    const r0 = c * I[${CHUNK}];
    try {
      fn(...a, r0, Math.min(I[${ROWS}], r0 + I[${CHUNK}]));
    } catch {
      Atomics.store(I, ${FAILED}, 1); // e.g. a wasm trap: reported by the caller, the chunk counted as done
    }
    Atomics.add(I, ${DONE}, 1);
  }
}
`;

interface NodeWorker {
  once(ev: string, f: (...a: unknown[]) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

type RowFunction = (...a: number[]) => void;

export class KernelPool {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * 16));
  private readonly args = new Float64Array(new SharedArrayBuffer(8 * MAX_ARGS));
  private readonly workers: NodeWorker[] = [];
  private seq = 0;
  /** Jobs split across threads so far. */
  jobsRun = 0;

  private constructor(private readonly exports: Record<PoolFunction, RowFunction>) {}

  /** Threads that run a job, the caller included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `threads - 1` workers running `module` on the shared `memory`; `exports` is the caller's own instance
   * of it. Resolves to null where that cannot be (one thread, memory not shared, no worker_threads).
   */
  static async start(
    memory: WebAssembly.Memory,
    module: WebAssembly.Module,
    exports: Record<string, unknown>,
    threads: number,
  ): Promise<KernelPool | null> {
    if (threads < 2 || typeof SharedArrayBuffer === 'undefined' || !(memory.buffer instanceof SharedArrayBuffer)) return null;
    let Worker: new (src: string, options: object) => NodeWorker;
    try {
      ({ Worker } = (await import('node:worker_threads')) as unknown as { Worker: typeof Worker });
    } catch {
      return null;
    }
    const pool = new KernelPool(exports as Record<PoolFunction, RowFunction>);
    try {
      for (let i = 1; i < threads; i++) {
        const w = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { memory, module, ctl: pool.ctl.buffer, args: pool.args.buffer, fns: POOL_FUNCTIONS },
        });
        pool.workers.push(w);
        await new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        });
        w.unref(); // the pool lives as long as the backend and must not keep the process alive
      }
    } catch {
      await pool.close();
      return null;
    }
    return pool;
  }

  /** Runs `fn(...args, r0, r1)` over rows [0, rows) in chunks of `chunk` rows on every thread; returns when done. */
  run(fn: PoolFunction, args: number[], rows: number, chunk: number): void {
    const f = this.exports[fn];
    const total = Math.ceil(rows / chunk);
    if (total <= 1 || total > 0xffff || args.length > MAX_ARGS) {
      f(...args, 0, rows);
      return;
    }
    const I = this.ctl;
    this.jobsRun++;
    this.args.set(args);
    I[TOTAL] = total;
    I[CHUNK] = chunk;
    I[ROWS] = rows;
    I[FN] = POOL_FUNCTIONS.indexOf(fn);
    I[NARGS] = args.length;
    Atomics.store(I, DONE, 0);
    Atomics.store(I, FAILED, 0);
    this.seq = (this.seq + 1) & 0x7fff;
    Atomics.store(I, CLAIM, this.seq << 16); // publishes the job (a sequentially consistent store)
    if (Atomics.load(I, SLEEPERS) > 0) Atomics.notify(I, CLAIM);
    for (;;) {
      const w = Atomics.load(I, CLAIM);
      const c = w & 0xffff;
      if (c >= total) break;
      if (Atomics.compareExchange(I, CLAIM, w, w + 1) !== w) continue;
      const r0 = c * chunk;
      try {
        f(...args, r0, Math.min(rows, r0 + chunk));
      } catch {
        Atomics.store(I, FAILED, 1); // reported below, once no worker runs a chunk of this job any more
      }
      Atomics.add(I, DONE, 1);
    }
    // The chunks left are running on workers now.
    let done = Atomics.load(I, DONE), since = performance.now(), spins = 0;
    while (done < total) {
      const now = Atomics.load(I, DONE);
      if (now !== done) {
        done = now;
        since = performance.now();
      } else if ((++spins & 0xffff) === 0 && performance.now() - since > STALL_MS) {
        throw new RuntimeError(`keras-ts kernel pool: ${fn} made no progress for ${STALL_MS / 1000} s (a worker stopped).`);
      }
    }
    if (Atomics.load(I, FAILED) !== 0) {
      throw new RuntimeError(`keras-ts kernel pool: ${fn} failed (rows ${rows}, chunks of ${chunk}): a wasm trap, e.g. an address outside the heap.`);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    Atomics.store(this.ctl, STOP, 1);
    this.seq = (this.seq + 1) & 0x7fff;
    Atomics.store(this.ctl, CLAIM, this.seq << 16);
    Atomics.notify(this.ctl, CLAIM);
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

const pools = new WeakMap<object, KernelPool>();

/** The pool running for `backend`'s heap, or null. */
export function kernelPool(backend: WasmBackend): KernelPool | null {
  return pools.get(backend) ?? null;
}

/**
 * Records the pool of `backend` (the SIMD loader starts it) and closes it with the backend: its workers hold the
 * backend's memory.
 */
export function setKernelPool(backend: WasmBackend, pool: KernelPool | null): void {
  if (!pool) {
    pools.delete(backend);
    return;
  }
  pools.set(backend, pool);
  const dispose = backend.dispose.bind(backend);
  backend.dispose = () => {
    pools.delete(backend);
    void pool.close();
    dispose();
  };
}
