import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from './index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('GradientTape', () => {
  it('computes gradients of variables used while recording, after recording', () => {
    const start = tf.memory().numTensors;
    const init = tf.tensor2d([[1, 2], [3, 4]]);
    const w = tf.variable(init);
    init.dispose();
    const x = tf.tensor2d([[1, 1]]);
    const tape = new tf.GradientTape();
    const loss = tape.record(() => tf.sum(tf.square(tf.matMul(x, w))));
    // d/dw sum((xw)^2) = x^T * 2xw ; xw = [4, 6]
    const [g] = tape.gradient(loss, [w]);
    expect(Array.from(g!.dataSync())).toEqual([8, 12, 8, 12]);
    tf.dispose([w, x, loss, g!]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('returns null for sources the target does not depend on, and for unwatched constants', () => {
    const a = tf.variable(tf.scalar(2));
    const b = tf.variable(tf.scalar(3));
    const c = tf.scalar(5);
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.mul(a, c));
    const grads = tape.gradient(y, [a, b, c]);
    expect(grads[0]!.dataSync()[0]).toBe(5);
    expect(grads[1]).toBeNull();
    expect(grads[2]).toBeNull();
    tf.dispose([a, b, c, y, grads[0]!]);
  });

  it('watches tensors and supports several gradient calls when persistent', () => {
    const start = tf.memory().numTensors;
    const x = tf.scalar(3);
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    const y = tape.record(() => tf.mul(x, x));
    const z = tape.record(() => tf.mul(y, y));
    const dy = tape.gradient(y, x)!;
    const dz = tape.gradient(z, x)!;
    expect(dy.dataSync()[0]).toBe(6);
    expect(dz.dataSync()[0]).toBe(108); // 4x^3
    tape.dispose();
    tf.dispose([x, y, z, dy, dz]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('refuses a second gradient call on a non-persistent tape with a typed error', () => {
    const x = tf.variable(tf.scalar(1));
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.mul(x, 2));
    tf.dispose(tape.gradient(y, [x])[0]!);
    expect(() => tape.gradient(y, [x])).toThrow(tf.RuntimeError);
    tf.dispose([x, y]);
  });

  it('works through tidy inside the recorded function', () => {
    const w = tf.variable(tf.scalar(4));
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.tidy(() => tf.exp(tf.mul(w, 0.5))));
    const g = tape.gradient(y, [w])[0]!;
    expect(g.dataSync()[0]).toBeCloseTo(0.5 * Math.exp(2), 4);
    tf.dispose([w, y, g]);
  });
});
