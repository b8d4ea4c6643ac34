import { describe, it, expect } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv2D } from './conv2d.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';

const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.8);

describe('Conv2D runs bias and relu fused into the convolution', () => {
  it.each(['wasm', 'cpu'])('with the same output and gradients as the unfused ops (%s)', async (backend) => {
    await tf.setBackend(backend);
    const layer = new Conv2D(4, 3, { activation: 'relu', padding: 'same', strides: 2 });
    const x = tf.tensor4d(values(2 * 5 * 5 * 2, 3), [2, 5, 5, 2]);
    layer.apply(x);
    const [k, b] = [layer.kernel as unknown as tf.Tensor4D, layer.bias! as unknown as tf.Tensor1D];
    const unfused = (xi: tf.Tensor) => tf.relu(tf.add(tf.conv2d(xi as tf.Tensor4D, k, 2, 'same'), b));
    const fused = (xi: tf.Tensor) => layer.apply(xi) as tf.Tensor;
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(fused(x), unfused(x)))).dataSync()[0]!);
    expect(d).toBeLessThan(1e-6);
    const g = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.grad((t) => tf.sum(tf.square(fused(t))))(x), tf.grad((t) => tf.sum(tf.square(unfused(t))))(x)))).dataSync()[0]!);
    expect(g).toBeLessThan(1e-4);
    x.dispose();
    layer.dispose?.();
  });

  it('leaves layers that convolve differently alone (depthwise)', async () => {
    await tf.setBackend('wasm');
    const layer = new DepthwiseConv2D(3, { activation: 'relu' });
    const x = tf.tensor4d(values(1 * 5 * 5 * 2, 1), [1, 5, 5, 2]);
    const seen: string[] = [];
    const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
    const original = engine.runKernel.bind(engine);
    engine.runKernel = (name: string, ...rest: unknown[]) => (seen.push(name), original(name, ...rest));
    try {
      tf.dispose(layer.apply(x) as tf.Tensor);
    } finally {
      engine.runKernel = original;
    }
    expect(seen).not.toContain('KerasTsConv2DWithBias');
    x.dispose();
  });
});
