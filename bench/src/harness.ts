/** Timing and memory helpers shared by every bench side (they only use the tfjs-core API). */
import type * as TF from '@tensorflow/tfjs-core';

export type Tf = typeof TF;

/** Printed by child processes on their last line; parsed by main.ts. */
export const RESULT_PREFIX = '@@RESULT ';

export interface Measure {
  /** Calls per second of `fn`. */
  perSecond: number;
  iterations: number;
  seconds: number;
}

/** Runs `fn` once to warm up, then repeatedly for at least `minSeconds` (and at most `maxIters` times). */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  opts: { minSeconds?: number; maxIters?: number; warmup?: number } = {},
): Promise<Measure> {
  const minSeconds = opts.minSeconds ?? 2;
  const maxIters = opts.maxIters ?? 1000;
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  const t0 = performance.now();
  let iterations = 0;
  while (iterations < maxIters) {
    await fn();
    iterations++;
    if ((performance.now() - t0) / 1000 >= minSeconds) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: iterations / seconds, iterations, seconds };
}

/** Tracks the highest live tensor count (tfjs-core's engine counter) between `reset()` calls. */
export function peakTensorTracker(tf: Tf): { reset(): void; peak(): number } {
  const engine = tf.engine() as unknown as {
    state: { numTensors: number };
    trackTensor: (...a: unknown[]) => void;
  };
  let peak = engine.state.numTensors;
  const orig = engine.trackTensor.bind(engine);
  engine.trackTensor = (...a: unknown[]) => {
    orig(...a);
    if (engine.state.numTensors > peak) peak = engine.state.numTensors;
  };
  return {
    reset() {
      peak = engine.state.numTensors;
    },
    peak: () => peak,
  };
}

export function emit(result: unknown): void {
  console.log(RESULT_PREFIX + JSON.stringify(result));
}

/** A row of a suite's result: a rate, or why it could not be measured. */
export interface Row {
  name: string;
  unit: 'GFLOP/s' | 'samples/s';
  value: number | null;
  peakTensors?: number;
  leak?: number;
  note?: string;
}

export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].slice(0, 160);
}
