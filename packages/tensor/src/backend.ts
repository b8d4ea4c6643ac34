/**
 * Backend selection for keras-ts.
 *
 * Backends are tfjs-core backends: `cpu` (always present), `wasm` (SIMD, the Node default) and `tensorflow`
 * (the native TensorFlow addon, CPU or CUDA, from the optional peers `@tensorflow/tfjs-node-gpu` or
 * `@tensorflow/tfjs-node`). Plugin authors add their own with {@link registerBackend}.
 */
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import './kernels/index.js';
import { startSimdKernels } from './kernels/wasm/simd.js';
import type { WasmBackend } from './kernels/wasm/heap.js';
import './generated/register-gradients.js';
import { createRequire } from 'node:module';
import { BackendNotInstalledError, BackendInitError } from './errors.js';

export type BackendName = 'wasm' | 'cpu' | 'tensorflow' | (string & {});

/** The optional native packages that provide the `tensorflow` backend, in order of preference. */
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
let nativeLoaded: string | null | undefined; // undefined: not tried yet
let initPromise: Promise<string> | null = null;
const setupHooks = new Map<string, Array<() => void | Promise<void>>>();

/**
 * Runs `hook` every time the named backend becomes the active one through {@link setBackend} or the default
 * choice (kernels packages use this to register their kernels for a backend).
 */
export function onBackendReady(name: string, hook: () => void | Promise<void>): void {
  const list = setupHooks.get(name) ?? [];
  list.push(hook);
  setupHooks.set(name, list);
}

// Our SIMD kernels, compiled asynchronously as soon as the wasm backend is active (browsers refuse large
// synchronous compiles on the main thread).
onBackendReady('wasm', async () => {
  await startSimdKernels(tfc.findBackend('wasm') as unknown as WasmBackend);
});

function resolvable(pkg: string): boolean {
  if (!isNode) return false;
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** Loads the native TensorFlow addon if one of the optional peers is installed; returns its package name. */
export async function loadNativeBackend(): Promise<string | null> {
  if (nativeLoaded !== undefined) return nativeLoaded;
  nativeLoaded = null;
  for (const pkg of NATIVE_PACKAGES) {
    if (!resolvable(pkg)) continue;
    try {
      await import(pkg);
      nativeLoaded = pkg;
      break;
    } catch (e) {
      console.warn(`keras-ts: ${pkg} is installed but failed to load (${(e as Error).message}); skipping it.`);
    }
  }
  return nativeLoaded;
}

/** Whether a backend can be used here (installed/registered), without switching to it. */
export async function isBackendAvailable(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') return (await loadNativeBackend()) !== null;
  return tfc.findBackendFactory(name) != null;
}

async function runHooks(name: string): Promise<void> {
  for (const hook of setupHooks.get(name) ?? []) await hook();
}

/**
 * Makes `name` the active backend. Resolves once it is initialized.
 * @throws BackendNotInstalledError naming the package to install when the backend is not available.
 */
export async function setBackend(name: BackendName): Promise<void> {
  if (name === 'tensorflow' && (await loadNativeBackend()) === null) {
    throw new BackendNotInstalledError(
      `Backend 'tensorflow' is not installed: install '@tensorflow/tfjs-node-gpu' (CUDA) or ` +
        `'@tensorflow/tfjs-node' (CPU) next to @keras-ts/tensor.`,
    );
  }
  if (tfc.findBackendFactory(name) == null) {
    const hint = name === 'wasm' ? "install '@tensorflow/tfjs-backend-wasm'" : 'register it with registerBackend(name, factory, priority)';
    throw new BackendNotInstalledError(`Backend '${name}' is not registered: ${hint}.`);
  }
  const ok = await tfc.setBackend(name);
  if (!ok) throw new BackendInitError(`Backend '${name}' failed to initialize.`);
  await runHooks(name);
  initPromise = Promise.resolve(name);
}

/** The default backend: `tensorflow` when a native addon is installed, else `wasm`, else `cpu`. */
export async function defaultBackendName(): Promise<string> {
  if ((await loadNativeBackend()) !== null) return 'tensorflow';
  if (tfc.findBackendFactory('wasm') != null) return 'wasm';
  return 'cpu';
}

/**
 * Waits until a backend is ready, choosing the default one on first use (see {@link defaultBackendName}).
 * Returns the active backend's name. Call it once before running ops synchronously.
 */
export function ready(): Promise<string> {
  if (initPromise === null) {
    initPromise = (async () => {
      const preferred = process?.env?.KERAS_TS_BACKEND || (await defaultBackendName());
      for (const name of [preferred, 'wasm', 'cpu']) {
        try {
          await setBackend(name);
          return name;
        } catch (e) {
          if (name === 'cpu') throw e;
          console.warn(`keras-ts: backend '${name}' unavailable (${(e as Error).message}); trying the next one.`);
        }
      }
      return tfc.getBackend();
    })();
    initPromise.catch(() => (initPromise = null));
  }
  return initPromise;
}

/** The active backend's name. */
export function getBackend(): string {
  return tfc.getBackend();
}

/**
 * Registers a backend (tfjs-core's mechanism). `factory` returns a `KernelBackend` (or a promise of one);
 * the highest `priority` wins when no backend is chosen explicitly (cpu 1, wasm 2, tensorflow 3).
 * Kernels for it are registered with `registerKernel({kernelName, backendName, kernelFunc})`.
 */
export function registerBackend(
  name: string,
  factory: () => tfc.KernelBackend | Promise<tfc.KernelBackend>,
  priority = 1,
): boolean {
  return tfc.registerBackend(name, factory, priority);
}
