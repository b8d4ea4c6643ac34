import { describe, it, expect } from 'vitest';
import * as tf from '../../index.js';
import { fusedAdamUpdate } from './adam.js';
import { randomValues } from '../testing.js';

const beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;

/** A variable that owns its buffer alone (tf.variable shares the initial value's until that is disposed). */
function variable(init: tf.Tensor): tf.Variable {
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/** The op-by-op update (the one Keras's Adam documents), returning new values. */
function opsUpdate(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, vHat: tf.Tensor | null, alpha: tf.Tensor) {
  let out: Array<number[] | null> = [];
  tf.tidy(() => {
    const m1 = tf.add(m, tf.mul(tf.sub(g, m), tf.scalar(1 - beta1)));
    let v1 = tf.add(v, tf.mul(tf.sub(tf.square(g), v), tf.scalar(1 - beta2)));
    const h1 = vHat ? tf.maximum(vHat, v1) : null;
    if (h1) v1 = h1;
    const p1 = tf.sub(p, tf.div(tf.mul(m1, alpha), tf.add(tf.sqrt(v1), tf.scalar(epsilon))));
    out = [p1, m1, v1, h1].map((t) => (t ? Array.from(t.dataSync()) : null));
  });
  return out;
}

describe('fusedAdamUpdate', () => {
  it.each([
    ['wasm', false],
    ['wasm', true],
    ['cpu', false],
    ['cpu', true],
  ] as const)('on %s (amsgrad %s) gives bitwise the op-by-op result, in place, over several steps', async (backend, amsgrad) => {
    await tf.setBackend(backend);
    const start = tf.memory().numTensors;
    const n = 1000;
    const p = variable(tf.tensor1d(randomValues(n, 1)));
    const m = variable(tf.zeros([n]));
    const v = variable(tf.zeros([n]));
    const vHat = amsgrad ? variable(tf.zeros([n])) : undefined;
    const ids = [p, m, v, vHat].map((t) => t?.dataId);
    for (let step = 1; step <= 3; step++) {
      const g = tf.tensor1d(randomValues(n, 10 + step).map((x, i) => (i % 97 === 0 ? 0 : x * step)));
      const alpha = tf.scalar((1e-3 * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step));
      const expected = opsUpdate(p, g, m, v, vHat ?? null, alpha);
      expect(fusedAdamUpdate({ variable: p, gradient: g, m, v, vHat, alpha, beta1, beta2, epsilon })).toBe(true);
      expect(Array.from(p.dataSync())).toEqual(expected[0]);
      expect(Array.from(m.dataSync())).toEqual(expected[1]);
      expect(Array.from((vHat ?? v).dataSync())).toEqual(expected[amsgrad ? 3 : 2]);
      tf.dispose([g, alpha]);
    }
    expect([p, m, v, vHat].map((t) => t?.dataId)).toEqual(ids); // written in place
    tf.dispose([p, m, v, ...(vHat ? [vHat] : [])]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('declines, changing nothing, when a buffer is shared with another tensor or the dtype is not float32', async () => {
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const p = variable(tf.tensor1d([1, 2, 3]));
      const m = variable(tf.zeros([3]));
      const v = variable(tf.zeros([3]));
      const g = tf.tensor1d([1, 1, 1]);
      const alpha = tf.scalar(0.1);
      const snapshot = tf.reshape(p, [3, 1]); // shares the variable's buffer
      expect(fusedAdamUpdate({ variable: p, gradient: g, m, v, alpha, beta1, beta2, epsilon })).toBe(false);
      expect(Array.from(p.dataSync())).toEqual([1, 2, 3]);
      expect(Array.from(m.dataSync())).toEqual([0, 0, 0]);
      snapshot.dispose();
      const gi = tf.tensor1d([1, 1, 1], 'int32');
      expect(fusedAdamUpdate({ variable: p, gradient: gi, m, v, alpha, beta1, beta2, epsilon })).toBe(false);
      expect(fusedAdamUpdate({ variable: p, gradient: g, m, v, alpha, beta1, beta2, epsilon })).toBe(true);
      expect(Array.from(m.dataSync()).map((x) => +x.toFixed(6))).toEqual([0.1, 0.1, 0.1]);
      tf.dispose([p, m, v, g, alpha, gi]);
    }
  });

  it.each(['wasm', 'cpu'])('leaves no stale cached weights on %s: a matmul after the update sees the new values', async (backend) => {
    await tf.setBackend(backend);
    const p = variable(tf.tensor2d(randomValues(12, 3), [4, 3]));
    const m = variable(tf.zeros([4, 3]));
    const v = variable(tf.zeros([4, 3]));
    const x = tf.tensor2d(randomValues(8, 4), [2, 4]);
    const bias = tf.tensor1d([0.5, -0.5, 0]);
    tf.dispose([tf.matMul(x, p), tf.fused.matMul({ a: x, b: p, bias, activation: 'relu' })]); // caches packed weights (wasm)
    const g = tf.onesLike(p);
    const alpha = tf.scalar(0.1);
    expect(fusedAdamUpdate({ variable: p, gradient: g, m, v, alpha, beta1, beta2, epsilon })).toBe(true);
    const fresh = tf.tensor2d(p.dataSync(), [4, 3]); // the same values in a new buffer
    const [a, b] = [tf.matMul(x, p), tf.matMul(x, fresh)];
    const [c, d] = [tf.fused.matMul({ a: x, b: p, bias, activation: 'relu' }), tf.fused.matMul({ a: x, b: fresh, bias, activation: 'relu' })];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(c.dataSync())).toEqual(Array.from(d.dataSync()));
    tf.dispose([p, m, v, x, bias, g, alpha, fresh, a, b, c, d]);
  });

  it('never changes values read before the update (cpu hands out its own arrays from dataSync)', async () => {
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const p = variable(tf.tensor1d([1, 2, 3]));
      const m = variable(tf.zeros([3]));
      const v = variable(tf.zeros([3]));
      const before = p.dataSync();
      const g = tf.tensor1d([1, 1, 1]);
      const alpha = tf.scalar(0.5);
      expect(fusedAdamUpdate({ variable: p, gradient: g, m, v, alpha, beta1, beta2, epsilon })).toBe(true);
      expect(Array.from(before)).toEqual([1, 2, 3]);
      expect(Array.from(p.dataSync())).not.toEqual([1, 2, 3]);
      tf.dispose([p, m, v, g, alpha]);
    }
  });
});
