import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../index.js';
import { getThreadsCount, setThreadsCount, threadsFailure } from './threads.js';
import { maxRelError, randomInput } from './testing.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('wasm threads in Node', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('validates setThreadsCount', () => {
    for (const bad of [0, 9, 1.5, Number.NaN]) expect(() => setThreadsCount(bad)).toThrow(tf.ValueError);
    expect(() => setThreadsCount(0)).toThrow(/expected an integer from 1 to 8, but received 0/);
  });

  it('computes the same results as cpu with the threads it runs', async () => {
    await tf.setBackend('wasm');
    expect(threadsFailure()).toBeNull();
    expect(getThreadsCount()).toBeGreaterThanOrEqual(1);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const a = tf.tensor2d(randomInput([67, 130], 1).values, [67, 130]);
        const b = tf.tensor2d(randomInput([130, 45], 2).values, [130, 45]);
        const x = tf.tensor4d(randomInput([4, 12, 12, 3], 3).values, [4, 12, 12, 3]);
        const w = tf.tensor4d(randomInput([3, 3, 3, 8], 4).values, [3, 3, 3, 8]);
        const mm = tf.matMul(a, b, false, false);
        const conv = tf.conv2d(x, w, 1, 'same');
        return [...mm.dataSync(), ...conv.dataSync()];
      });
    };
    const ours = await run('wasm');
    expect(maxRelError(ours, await run('cpu'))).toBeLessThan(1e-4);
  });

  it('starts the requested number of threads (and our pool) in a fresh process, which then exits', () => {
    const script = join(here, 'threads.fixture.ts');
    const res = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, KERAS_TS_WASM_THREADS: '2', KERAS_TS_BACKEND: 'wasm' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(res.error).toBeUndefined();
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(out.threads).toBe(2);
    expect(out.failure).toBeNull();
    expect(out.sum).toBeCloseTo(64 * 32, 3);
    // Our kernel pool runs beside XNNPack's, with as many threads, and splits large products and pooling
    // gradients correctly.
    expect(out.poolThreads).toBe(2);
    expect(out.poolJobs).toBeGreaterThanOrEqual(4);
    expect(out.poolError).toBeLessThan(1e-4);
    expect(out.trapError).toMatch(/kernel pool: gemm failed .*wasm trap/);
    expect(out.afterTrap).toBe(300 * 200 * 100);
    expect(out.smallRan).toBe(23); // 20 broadcasts, Softmax, Neg, Sigmoid: all off XNNPack's pool
    expect(out.smallError).toBeLessThan(1e-6);
    // Sequences split by batch rows across the pool: LSTM forward (1 job), GRU forward and backward (2 jobs)
    // and the GRU's kernel gradient (not split: 30 rows); same results as stepping.
    expect(out.seqJobs).toBeGreaterThanOrEqual(3);
    expect(out.lstmMatch).toBe(true);
    expect(out.gruError).toBeLessThan(1e-4);
    expect(out.poolClosed).toBe(true); // removing the backend closed the pool
  }, 60_000);
});
