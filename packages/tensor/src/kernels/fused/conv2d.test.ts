import { describe, it, expect } from 'vitest';
import * as tf from '../../index.js';

const cases = [
  { strides: [1, 1], padding: 'valid', activation: 'relu' },
  { strides: [2, 2], padding: 'same', activation: 'relu' },
  { strides: [1, 2], padding: 'same', activation: 'linear' },
] as const;

function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.8);
}

describe('conv2dWithBias', () => {
  it.each(['wasm', 'cpu'])('equals conv2d + bias + activation, values and all three gradients, on %s', async (backend) => {
    await tf.setBackend(backend);
    const start = tf.memory().numTensors;
    for (const c of cases) tf.tidy(() => {
      const x = tf.tensor4d(values(2 * 7 * 6 * 3, 1), [2, 7, 6, 3]);
      const k = tf.tensor4d(values(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
      const b = tf.tensor1d([0.1, -0.2, 0.3, 0]);
      const w = tf.randomNormal([2, ...tf.conv2dWithBias(x, k, b, { strides: [...c.strides], pad: c.padding, activation: c.activation }).shape.slice(1)], 0, 1, 'float32', 5);
      const ref = (xi: tf.Tensor, ki: tf.Tensor, bi: tf.Tensor) => {
        const y = tf.add(tf.conv2d(xi as tf.Tensor4D, ki as tf.Tensor4D, [...c.strides], c.padding), bi);
        return tf.sum(tf.mul(c.activation === 'relu' ? tf.relu(y) : y, w));
      };
      const fused = (xi: tf.Tensor, ki: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2dWithBias(xi as tf.Tensor4D, ki as tf.Tensor4D, bi as tf.Tensor1D, { strides: [...c.strides], pad: c.padding, activation: c.activation }), w));
      const [g1, g2] = [tf.grads(ref)([x, k, b]), tf.grads(fused)([x, k, b])];
      const [v1, v2] = [ref(x, k, b), fused(x, k, b)];
      expect(v2.dataSync()[0]).toBeCloseTo(v1.dataSync()[0]!, 3);
      for (let i = 0; i < 3; i++) {
        const diff = tf.max(tf.abs(tf.sub(g1[i]!, g2[i]!))).dataSync()[0]!;
        expect(diff, `${JSON.stringify(c)} gradient ${i}`).toBeLessThan(1e-4);
      }
    });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('computes only the gradients asked for (no input gradient for a first layer)', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(values(1 * 6 * 6 * 2, 4), [1, 6, 6, 2]);
    const k = tf.variable(tf.tensor4d(values(3 * 3 * 2 * 3, 5), [3, 3, 2, 3]));
    const b = tf.variable(tf.tensor1d([0, 0.1, -0.1]));
    const seen: string[] = [];
    const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
    const original = engine.runKernel.bind(engine);
    engine.runKernel = (name: string, ...rest: unknown[]) => {
      seen.push(name);
      return original(name, ...rest);
    };
    try {
      const { grads } = tf.variableGrads(() => tf.sum(tf.conv2dWithBias(x, k as unknown as tf.Tensor4D, b as unknown as tf.Tensor1D, { strides: [1, 1], pad: 'same', activation: 'relu' })) as tf.Scalar, [k, b]);
      tf.dispose(Object.values(grads));
    } finally {
      engine.runKernel = original;
    }
    expect(seen).toContain('KerasTsConv2DWithBias');
    expect(seen).toContain('Conv2DBackpropFilter');
    expect(seen).not.toContain('Conv2DBackpropInput');
    tf.dispose([x, k, b]);
  });
});
