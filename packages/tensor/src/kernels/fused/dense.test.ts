import { describe, it, expect } from 'vitest';
import * as tf from '../../index.js';
import { randomValues } from '../testing.js';

describe('denseWithBias', () => {
  it.each(['wasm', 'cpu'])('equals matmul + bias + activation, values and all three gradients, on %s', async (backend) => {
    await tf.setBackend(backend);
    const start = tf.memory().numTensors;
    for (const activation of ['relu', 'linear'] as const) {
      tf.tidy(() => {
        const x = tf.tensor2d(randomValues(6 * 5, 1), [6, 5]);
        const k = tf.tensor2d(randomValues(5 * 4, 2), [5, 4]);
        const b = tf.tensor1d([0.1, -0.2, 0.3, 0]);
        const w = tf.tensor2d(randomValues(6 * 4, 3), [6, 4]);
        const ref = (xi: tf.Tensor, ki: tf.Tensor, bi: tf.Tensor) => {
          const y = tf.add(tf.matMul(xi, ki), bi);
          return tf.sum(tf.mul(activation === 'relu' ? tf.relu(y) : y, w));
        };
        const fused = (xi: tf.Tensor, ki: tf.Tensor, bi: tf.Tensor) =>
          tf.sum(tf.mul(tf.denseWithBias(xi as tf.Tensor2D, ki as tf.Tensor2D, bi as tf.Tensor1D, activation), w));
        expect(Math.abs(fused(x, k, b).dataSync()[0]! - ref(x, k, b).dataSync()[0]!)).toBeLessThan(1e-5);
        const [g1, g2] = [tf.grads(ref)([x, k, b]), tf.grads(fused)([x, k, b])];
        for (let i = 0; i < 3; i++) expect(tf.max(tf.abs(tf.sub(g1[i]!, g2[i]!))).dataSync()[0], `${activation} grad ${i}`).toBeLessThan(1e-5);
      });
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('does not compute the input gradient when only the weights need one', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(randomValues(4 * 3, 4), [4, 3]);
    const k = tf.variable(tf.tensor2d(randomValues(3 * 2, 5), [3, 2]));
    const b = tf.variable(tf.tensor1d([0, 0.1]));
    const calls: Array<{ name: string; attrs: unknown }> = [];
    const engine = tf.engine() as unknown as { runKernel: (name: string, inputs: unknown, attrs: unknown) => unknown };
    const original = engine.runKernel.bind(engine);
    engine.runKernel = (name: string, inputs: unknown, attrs: unknown) => (calls.push({ name, attrs }), original(name, inputs, attrs));
    try {
      const { grads } = tf.variableGrads(() => tf.sum(tf.denseWithBias(x, k as unknown as tf.Tensor2D, b as unknown as tf.Tensor1D, 'relu')) as tf.Scalar, [k, b]);
      tf.dispose(Object.values(grads));
    } finally {
      engine.runKernel = original;
    }
    const matmuls = calls.filter((c) => c.name === 'BatchMatMul');
    expect(calls.some((c) => c.name === 'KerasTsDenseWithBias')).toBe(true);
    expect(matmuls).toHaveLength(1); // x^T dz for the kernel; no dz k^T for x
    tf.dispose([x, k, b]);
  });
});
