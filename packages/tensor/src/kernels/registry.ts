/**
 * Overriding tfjs-core kernels. tfjs-core keeps one kernel registry per process (on `globalThis`), shared by
 * every copy of tfjs-core, so the stock kernel we replace is remembered in a process-wide map too: loading this
 * module twice never wraps our own kernel as if it were the stock one.
 */
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, KernelSetupFunc } from '@tensorflow/tfjs-core';

const STOCK_KEY = Symbol.for('keras-ts.stockKernels');
const OURS = Symbol.for('keras-ts.kernel');

type StockMap = Map<string, KernelConfig | null>;

function stockMap(): StockMap {
  const g = globalThis as unknown as Record<symbol, StockMap | undefined>;
  let m = g[STOCK_KEY];
  if (m === undefined) {
    m = new Map();
    g[STOCK_KEY] = m;
  }
  return m;
}

const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/** The kernel tfjs shipped for (kernelName, backendName), before any keras-ts override; null when none. */
export function stockKernel(kernelName: string, backendName: string): KernelConfig | null {
  const m = stockMap();
  const k = key(kernelName, backendName);
  if (m.has(k)) return m.get(k) ?? null;
  const current = getKernel(kernelName, backendName) ?? null;
  if (current !== null && (current.kernelFunc as unknown as Record<symbol, boolean>)[OURS]) return null;
  m.set(k, current);
  return current;
}

/** The stock kernel function; throws when tfjs has none (a bug in the registration order, not a user error). */
export function stockKernelFunc(kernelName: string, backendName: string): KernelFunc {
  const k = stockKernel(kernelName, backendName);
  if (k === null) throw new Error(`keras-ts: no stock '${kernelName}' kernel on backend '${backendName}'.`);
  return k.kernelFunc;
}

/** Whether the kernel now registered for (kernelName, backendName) is one of ours. */
export function isOurKernel(kernelName: string, backendName: string): boolean {
  const k = getKernel(kernelName, backendName);
  return k != null && (k.kernelFunc as unknown as Record<symbol, boolean>)[OURS] === true;
}

export interface OverrideOptions {
  kernelName: string;
  backendName: string;
  kernelFunc: KernelFunc;
  /** Defaults to the stock kernel's setup function (so the stock kernel we delegate to stays initialized). */
  setupFunc?: KernelSetupFunc;
}

/**
 * Registers `kernelFunc` for (kernelName, backendName), replacing the stock kernel (which stays reachable
 * through {@link stockKernelFunc}). Idempotent.
 */
export function overrideKernel(opts: OverrideOptions): void {
  const stock = stockKernel(opts.kernelName, opts.backendName);
  const func = opts.kernelFunc as KernelFunc & Record<symbol, boolean>;
  func[OURS] = true;
  if (getKernel(opts.kernelName, opts.backendName) != null) unregisterKernel(opts.kernelName, opts.backendName);
  const setupFunc = opts.setupFunc ?? stock?.setupFunc;
  registerKernel({ kernelName: opts.kernelName, backendName: opts.backendName, kernelFunc: func, ...(setupFunc ? { setupFunc } : {}) });
}
