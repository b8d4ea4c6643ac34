/**
 * A plugin backend, registered with `registerBackend`, that delegates every kernel to the cpu backend and counts
 * the calls; a model trains through it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import * as tf from './index.js';

describe('registerBackend: a counting plugin backend delegating to cpu', () => {
  const calls = new Map<string, number>();
  afterAll(async () => {
    await tf.setBackend('wasm');
    tf.removeBackend('counting-cpu');
  });

  it('registers, runs kernels through the delegate, and trains a linear model', async () => {
    const cpuFactory = tf.findBackendFactory('cpu')!;
    const ok = tf.registerBackend('counting-cpu', async () => (await cpuFactory()) as tf.KernelBackend, 0);
    expect(ok).toBe(true);
    // Register every cpu kernel for the plugin, wrapped to count its calls.
    for (const k of tf.getKernelsForBackend('cpu')) {
      tf.registerKernel({
        ...k,
        backendName: 'counting-cpu',
        kernelFunc: (args) => {
          calls.set(k.kernelName, (calls.get(k.kernelName) ?? 0) + 1);
          return (k.kernelFunc as (a: typeof args) => tf.TensorInfo | tf.TensorInfo[])(args);
        },
      });
    }
    await tf.setBackend('counting-cpu');
    expect(tf.getBackend()).toBe('counting-cpu');

    // y = 3x - 1, learned by gradient descent with a GradientTape.
    const x = tf.tensor2d([[0], [1], [2], [3]]);
    const y = tf.tensor2d([[-1], [2], [5], [8]]);
    const w = tf.variable(tf.zeros([1, 1]));
    const b = tf.variable(tf.zeros([1]));
    const lossAt = () => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))).dataSync()[0]);
    const first = lossAt();
    for (let i = 0; i < 200; i++) {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))));
      const [gw, gb] = tape.gradient(loss, [w, b]) as tf.Tensor[];
      tf.tidy(() => {
        w.assign(tf.sub(w, tf.mul(gw, 0.05)));
        b.assign(tf.sub(b, tf.mul(gb, 0.05)));
      });
      tf.dispose([loss, gw, gb]);
    }
    expect(lossAt()).toBeLessThan(first / 100);
    expect(w.dataSync()[0]).toBeCloseTo(3, 1);
    expect(calls.get('BatchMatMul') ?? 0).toBeGreaterThan(200);
    tf.dispose([x, y, w, b]);
  });

  it('refuses backends that are not registered, naming the fix', async () => {
    await expect(tf.setBackend('no-such-plugin')).rejects.toThrow(/registerBackend/);
  });
});
