import { describe, it, expect } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Conv2D, Dense, Flatten, MaxPooling2D, initializers } from '@keras-ts/layers';
import { Sequential } from '../index.js';

/**
 * The same model, data and initial weights trained on wasm and on cpu: the loss curves must agree. Guards the
 * fast paths of the wasm backend (fused in-place optimizer updates, cached packed weights, our kernels).
 */
async function losses(backend: string, build: () => Sequential, x: number[], xShape: number[], y: number[], yShape: number[], optimizer: string) {
  await tf.setBackend(backend);
  const start = tf.memory().numTensors;
  const model = build();
  const xs = tf.tensor(x, xShape), ys = tf.tensor(y, yShape);
  model.compile({ optimizer, loss: 'mse' });
  const h = await model.fit(xs, ys, { epochs: 6, batchSize: 8, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
  model.dispose?.();
  return { loss: h.history.loss as number[], leaked: tf.memory().numTensors - start };
}

const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('training on wasm matches cpu', () => {
  it.each(['adam', 'sgd', 'rmsprop'])('an MLP with %s', async (optimizer) => {
    const build = () => new Sequential([
      new Dense(16, { activation: 'relu', inputShape: [6], kernelInitializer: new initializers.GlorotUniform({ seed: 1 }) }),
      new Dense(2, { kernelInitializer: new initializers.GlorotUniform({ seed: 2 }) }),
    ]);
    const x = seq(32 * 6, (i) => Math.sin(i * 0.7)), y = seq(32 * 2, (i) => Math.cos(i * 0.3));
    const w = await losses('wasm', build, x, [32, 6], y, [32, 2], optimizer);
    const c = await losses('cpu', build, x, [32, 6], y, [32, 2], optimizer);
    expect(w.loss[5]).toBeLessThan(w.loss[0]); // it learns
    for (let e = 0; e < 6; e++) expect(Math.abs(w.loss[e] - c.loss[e]) / c.loss[e]).toBeLessThan(1e-4);
  });

  it('a small CNN with adam', async () => {
    const build = () => new Sequential([
      new Conv2D(4, 3, { activation: 'relu', inputShape: [8, 8, 1], kernelInitializer: new initializers.GlorotUniform({ seed: 3 }) }),
      new MaxPooling2D(2),
      new Flatten(),
      new Dense(1, { kernelInitializer: new initializers.GlorotUniform({ seed: 4 }) }),
    ]);
    const x = seq(16 * 64, (i) => Math.sin(i * 0.37)), y = seq(16, (i) => Math.cos(i));
    const w = await losses('wasm', build, x, [16, 8, 8, 1], y, [16, 1], 'adam');
    const c = await losses('cpu', build, x, [16, 8, 8, 1], y, [16, 1], 'adam');
    expect(w.loss[5]).toBeLessThan(w.loss[0]);
    for (let e = 0; e < 6; e++) expect(Math.abs(w.loss[e] - c.loss[e]) / c.loss[e]).toBeLessThan(1e-4);
  });
});
