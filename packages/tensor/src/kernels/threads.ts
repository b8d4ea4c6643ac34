/**
 * Multi-threaded wasm in Node. tfjs-backend-wasm ships a threaded SIMD build but never starts it in Node: its
 * feature flag answers "no threads" under Node, and its loader hands Emscripten a Blob URL for the worker script,
 * which Node's `Worker` cannot load. We start that same build ourselves with real files for the main and worker
 * scripts (written once to the temp directory), report the core count we want so that the backend's thread cap
 * lets it through, and size Emscripten's worker pool to the threads asked for. Any failure falls back to the
 * stock single-threaded SIMD backend with a warning.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { ValueError } from '../errors.js';

/** The most threads tfjs's wasm build supports. */
export const MAX_WASM_THREADS = 8;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
let requested: number | null = null;
let lastFailure: string | null = null;

interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: unknown[]) => unknown;
  PThread?: { runningWorkers: Array<{ unref(): void }>; unusedWorkers: Array<{ unref(): void }> };
  tfjs?: Record<string, unknown>;
}

function defaultThreads(): number {
  const env = process.env.KERAS_TS_WASM_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, MAX_WASM_THREADS);
    console.warn(`keras-ts: ignoring KERAS_TS_WASM_THREADS=${JSON.stringify(env)} (expected a positive integer).`);
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_WASM_THREADS));
}

/**
 * Sets the number of threads of the wasm backend (1 = single-threaded). Takes effect when the wasm backend
 * initializes, so call it before `ready()`/`setBackend('wasm')`. Default: the number of cores (at most 8), or
 * the `KERAS_TS_WASM_THREADS` environment variable.
 * @throws ValueError when `n` is not an integer in [1, 8].
 */
export function setThreadsCount(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
    throw new ValueError(`setThreadsCount: expected an integer from 1 to ${MAX_WASM_THREADS}, but received ${n}.`);
  }
  requested = n;
  const engine = tfc.engine() as unknown as { registry: Record<string, unknown> };
  if (engine.registry.wasm !== undefined) {
    console.warn(
      `keras-ts: setThreadsCount(${n}) is called after the wasm backend started; it applies the next time the ` +
        `backend initializes (call it before ready()).`,
    );
  }
}

/** Threads the wasm backend runs with (1 when not started, single-threaded, or not the wasm backend). */
export function getThreadsCount(): number {
  const engine = tfc.engine() as unknown as { registry: Record<string, { wasm?: { tfjs?: { getThreadsCount(): number } } }> };
  const b = engine.registry.wasm;
  const n = b?.wasm?.tfjs?.getThreadsCount();
  return typeof n === 'number' && n > 0 ? n : 1;
}

/** Why the last attempt to start threads failed (null when it did not fail or was not tried). */
export function threadsFailure(): string | null {
  return lastFailure;
}

function writeOnce(path: string, contents: string): void {
  if (existsSync(path)) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** Writes the (pool-sized) main script and the worker script of the threaded build to the temp directory. */
function scripts(wasmOut: string, poolSize: number): { main: string; worker: string } {
  const require = createRequire(import.meta.url);
  const mainSrc = readFileSync(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js'), 'utf8').replace(
    /var pthreadPoolSize=\d+;/,
    `var pthreadPoolSize=${poolSize};`,
  );
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  // The worker source is stored in a JS string whose "\n" escapes were turned into newlines.
  const workerSrc = wasmWorkerContents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(mainSrc).update(workerSrc).digest('hex').slice(0, 16);
  const dir = join(os.tmpdir(), `keras-ts-wasm-${hash}`);
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'tfjs-backend-wasm-threaded-simd.cjs');
  const worker = join(dir, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
  writeOnce(main, mainSrc);
  writeOnce(worker, workerSrc);
  return { main, worker };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
    t.unref?.();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Starts the threaded SIMD build with `threads` threads and returns a wasm backend on it. */
async function threadedBackend(threads: number): Promise<tfc.KernelBackend> {
  const require = createRequire(import.meta.url);
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const { main, worker } = scripts(wasmOut, threads - 1);
  const factory = require(main) as (cfg: Record<string, unknown>) => Promise<EmscriptenModule>;
  const binary = readFileSync(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.wasm'));
  const mod = await withTimeout(
    factory({
      locateFile: (path: string) => (path.endsWith('.worker.js') ? worker : join(wasmOut, path)),
      mainScriptUrlOrBlob: main,
      // The backend caps threads at (logical cores / 2); report enough cores for the count we ask for.
      instantiateWasm: (
        imports: { env: Record<string, unknown> },
        receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) => {
        imports.env.emscripten_num_logical_cores = () => 2 * MAX_WASM_THREADS;
        WebAssembly.instantiate(binary, imports as WebAssembly.Imports).then(
          (r) => receive(r.instance, r.module),
          (e) => console.warn(`keras-ts: threaded wasm failed to instantiate: ${(e as Error).message}`),
        );
        return {};
      },
    }),
    30_000,
    'starting the threaded wasm module',
  );
  mod.tfjs = {
    init: mod.cwrap('init', null, []),
    initWithThreadsCount: mod.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: mod.cwrap('get_threads_count', 'number', []),
    registerTensor: mod.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: mod.cwrap('dispose_data', null, ['number']),
    dispose: mod.cwrap('dispose', null, []),
  };
  tfwasm.setThreadsCount(threads);
  const backend = new tfwasm.BackendWasm(mod as never);
  // Thread-pool workers run for the life of the backend: do not let them keep the process alive.
  for (const w of [...(mod.PThread?.runningWorkers ?? []), ...(mod.PThread?.unusedWorkers ?? [])]) w.unref();
  const got = (mod.tfjs.getThreadsCount as () => number)();
  if (got !== threads) console.warn(`keras-ts: asked the wasm backend for ${threads} threads, it runs ${got}.`);
  return backend;
}

let installed = false;

/**
 * Replaces the registered `wasm` backend factory by one that starts the threaded build in Node (when more than
 * one thread is wanted), falling back to tfjs's own factory. Must run before the wasm backend initializes.
 */
export function installThreadedWasm(): void {
  if (installed || !isNode) return;
  const stock = tfc.findBackendFactory('wasm');
  if (stock == null) return;
  const engine = tfc.engine() as unknown as { registry: Record<string, unknown> };
  if (engine.registry.wasm !== undefined) return; // already initialized: leave it alone
  installed = true;
  tfc.removeBackend('wasm');
  tfc.registerBackend(
    'wasm',
    async () => {
      const threads = requested ?? defaultThreads();
      lastFailure = null;
      if (threads > 1) {
        try {
          return await threadedBackend(threads);
        } catch (e) {
          lastFailure = (e as Error).message;
          console.warn(`keras-ts: wasm threads could not start (${lastFailure}); running wasm on one thread.`);
        }
      }
      tfwasm.setThreadsCount(1);
      return stock();
    },
    2,
  );
}
