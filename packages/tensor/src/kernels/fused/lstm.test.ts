import { describe, it, expect } from 'vitest';
import * as tf from '../../index.js';
import { randomValues } from '../testing.js';

/** The op-by-op step (Keras's LSTM update with sigmoid gates and tanh). */
function reference(z: tf.Tensor, c: tf.Tensor): { h: tf.Tensor; c: tf.Tensor } {
  const [zi, zf, zc, zo] = tf.split(z, 4, 1);
  const i = tf.sigmoid(zi!), f = tf.sigmoid(zf!), o = tf.sigmoid(zo!);
  const cNew = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(zc!)));
  return { h: tf.mul(o, tf.tanh(cNew)), c: cNew };
}

describe('lstmCell (fused LSTM step on wasm)', () => {
  it('matches the op-by-op step: values and gradients for z and c, including large pre-activations', async () => {
    await tf.setBackend('wasm');
    const start = tf.memory().numTensors;
    for (const [batch, units, scale] of [[3, 5, 1], [16, 32, 4], [2, 1, 30]] as const) {
      tf.tidy(() => {
        const z = tf.mul(tf.tensor2d(randomValues(batch * 4 * units, units), [batch, 4 * units]), scale);
        const c = tf.tensor2d(randomValues(batch * units, batch + 7), [batch, units]);
        const wh = tf.tensor2d(randomValues(batch * units, 3), [batch, units]);
        const wc = tf.tensor2d(randomValues(batch * units, 4), [batch, units]);
        const loss = (step: (z: tf.Tensor, c: tf.Tensor) => { h: tf.Tensor; c: tf.Tensor }) => (zz: tf.Tensor, cc: tf.Tensor) => {
          const r = step(zz, cc);
          return tf.add(tf.sum(tf.mul(r.h, wh)), tf.sum(tf.mul(r.c, wc)));
        };
        const fused = (zz: tf.Tensor, cc: tf.Tensor) => tf.lstmCell(zz, cc)!;
        expect(tf.lstmCell(z, c)).not.toBeNull();
        const [a, b] = [fused(z, c), reference(z, c)];
        expect(tf.max(tf.abs(tf.sub(a.h, b.h))).dataSync()[0]).toBeLessThan(1e-6);
        expect(tf.max(tf.abs(tf.sub(a.c, b.c))).dataSync()[0]).toBeLessThan(1e-6);
        const g1 = tf.grads(loss(fused))([z, c]), g2 = tf.grads(loss(reference))([z, c]);
        for (let k = 0; k < 2; k++) expect(tf.max(tf.abs(tf.sub(g1[k]!, g2[k]!))).dataSync()[0], `${batch}x${units} grad ${k}`).toBeLessThan(1e-5);
      });
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('declines where it does not run (cpu, other dtypes, shapes)', async () => {
    await tf.setBackend('cpu');
    const z = tf.zeros([2, 8]), c = tf.zeros([2, 2]);
    expect(tf.lstmCell(z, c)).toBeNull();
    await tf.setBackend('wasm');
    const z2 = tf.zeros([2, 8]), c2 = tf.zeros([2, 3]);
    expect(tf.lstmCell(z2, c2)).toBeNull();
    tf.dispose([z, c, z2, c2]);
  });
});
