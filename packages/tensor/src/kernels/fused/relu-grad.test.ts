import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { randomValues } from '../testing.js';
import { reluGrad } from './relu-grad.js';

/** Values with signed zeros, infinities and NaNs among ordinary ones. */
function awkward(n: number, seed: number): Float32Array {
  const specials = [0, -0, Infinity, -Infinity, NaN, 1e-30, -1e-30];
  return randomValues(n, seed).map((v, i) => (i % 3 === 0 ? specials[(i / 3) % specials.length]! : v));
}

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

describe('reluGrad (KerasTsReluGrad)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  for (const backend of ['wasm', 'cpu']) {
    it(`gives the bits of mul(dy, step(y)) on ${backend}, NaNs, infinities and signed zeros included`, async () => {
      await tf.setBackend(backend);
      for (const n of [1, 3, 4, 7, 9, 1000, 70_001]) {
        const start = tf.memory().numTensors;
        const dy = tf.tensor1d(awkward(n, n)), y = tf.tensor1d(awkward(n, n + 1).reverse());
        const ours = reluGrad(dy, y);
        const ref = tf.tidy(() => tf.mul(dy, tf.step(y)));
        expect(ours.shape).toEqual([n]);
        expect(bits(ours), `n=${n}`).toEqual(bits(ref));
        tf.dispose([dy, y, ours, ref]);
        expect(tf.memory().numTensors).toBe(start);
      }
    });
  }

  it('is differentiable again in dy (nested gradients through a fused ReLU layer)', async () => {
    await tf.setBackend('wasm');
    const y = tf.tensor2d([[1, -2, 0], [3, NaN, -0]]);
    const ddz = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const g = tf.grad((dy: tf.Tensor) => tf.sum(tf.mul(reluGrad(dy, y), ddz)));
    const d = g(tf.zerosLike(y));
    expect(Array.from(d.dataSync())).toEqual([1, 0, 0, 4, NaN, 0]);
    tf.dispose([y, ddz, d]);
  });

  it('falls back to the two ops for shapes that differ (broadcasting)', async () => {
    await tf.setBackend('wasm');
    const dy = tf.tensor2d([[1, 2], [3, 4]]), y = tf.tensor1d([1, -1]);
    const out = reluGrad(dy, y);
    expect(Array.from(out.dataSync())).toEqual([1, 0, 3, 0]);
    tf.dispose([dy, y, out]);
  });
});
