import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { maxRelError, randomInput, rng, runKernelOn } from '../testing.js';

describe('wasm BatchMatMul / _FusedMatMul with transposed operands', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered over the stock kernels', () => {
    expect(isOurKernel('BatchMatMul', 'wasm')).toBe(true);
    expect(isOurKernel('_FusedMatMul', 'wasm')).toBe(true);
  });

  it('agrees with the cpu reference on random shapes, batches and transposes', async () => {
    const r = rng(7);
    for (let trial = 0; trial < 24; trial++) {
      const m = r(1, 40), k = r(1, 40), n = r(1, 40);
      const tA = trial % 2 === 1, tB = (trial >> 1) % 2 === 1;
      const batch = trial % 3 === 0 ? [] : trial % 3 === 1 ? [r(1, 3)] : [2, r(1, 2)];
      const bBatch = trial % 5 === 0 && batch.length > 0 ? batch.map(() => 1) : batch; // broadcast
      const a = randomInput([...batch, ...(tA ? [k, m] : [m, k])], trial + 1);
      const b = randomInput([...bBatch, ...(tB ? [n, k] : [k, n])], trial + 100);
      const attrs = { transposeA: tA, transposeB: tB };
      const ours = await runKernelOn('wasm', 'BatchMatMul', { a, b }, attrs);
      const ref = await runKernelOn('cpu', 'BatchMatMul', { a, b }, attrs);
      expect(ours.shape).toEqual(ref.shape);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    }
  });

  it('fused matmul with bias and activation agrees with cpu when transposed', async () => {
    const r = rng(11);
    for (let trial = 0; trial < 8; trial++) {
      const m = r(1, 30), k = r(1, 30), n = r(1, 30);
      const tA = trial % 2 === 1, tB = trial >= 4;
      const a = randomInput(tA ? [1, k, m] : [1, m, k], trial + 3);
      const b = randomInput(tB ? [1, n, k] : [1, k, n], trial + 30);
      const bias = randomInput([n], trial + 60);
      const attrs = { transposeA: tA, transposeB: tB, activation: 'relu', leakyreluAlpha: 0.2 };
      const ours = await runKernelOn('wasm', '_FusedMatMul', { a, b, bias }, attrs);
      const ref = await runKernelOn('cpu', '_FusedMatMul', { a, b, bias }, attrs);
      expect(ours.shape).toEqual(ref.shape);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    }
  });

  it('trains a dense layer through tf.grads without leaking', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([16, 12]);
    const w = tf.variable(tf.randomNormal([12, 5]));
    const start = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(x, w))) as tf.Scalar, [w]);
      tf.dispose([value, grads[w.name]]);
    }
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, w]);
  });
});
