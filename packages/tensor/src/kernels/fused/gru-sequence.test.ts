import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/**
 * The step-by-step GRU (reset gate after the recurrent product) in plain ops: the reference. With `mask`
 * [batch, T], a row's state carries over at its masked steps.
 */
function stepwise(x: tf.Tensor, u: tf.Tensor, rb: tf.Tensor | null, h0: tf.Tensor, goBackwards: boolean, mask?: tf.Tensor) {
  const steps = x.shape[1]!;
  const units = u.shape[0]!;
  const xs = tf.unstack(x, 1);
  const ms = mask ? tf.unstack(tf.reshape(mask, [x.shape[0]!, steps, 1]), 1) : null;
  let h = h0;
  const outs: tf.Tensor[] = [];
  for (let k = 0; k < steps; k++) {
    const t = goBackwards ? steps - 1 - k : k;
    let inner = tf.matMul(h, u);
    if (rb) inner = tf.add(inner, rb);
    const [xZ, xR, xH] = tf.split(xs[t]!, [units, units, units], 1);
    const [iZ, iR, iH] = tf.split(inner, [units, units, units], 1);
    const z = tf.sigmoid(tf.add(xZ!, iZ!));
    const r = tf.sigmoid(tf.add(xR!, iR!));
    const hh = tf.tanh(tf.add(xH!, tf.mul(r, iH!)));
    const next = tf.add(hh, tf.mul(z, tf.sub(h, hh)));
    h = ms ? tf.where(tf.broadcastTo(ms[t]!, h.shape), next, h) : next;
    outs.push(h);
  }
  return { sequence: tf.stack(outs, 1), h };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('gruSequence', () => {
  for (const [goBackwards, withBias, units] of [[false, true, 6], [true, true, 5], [false, false, 8]] as const) {
    it(`equals the step-by-step GRU, forward and backward (goBackwards ${goBackwards}, recurrent bias ${withBias}, ${units} units)`, () => {
      const start = tf.memory().numTensors;
      const [batch, steps] = [5, 7];
      const x = tf.randomNormal([batch, steps, 3 * units], 0, 1, 'float32', 1);
      const u = tf.randomNormal([units, 3 * units], 0, 0.5, 'float32', 2);
      const rb = tf.randomNormal([3 * units], 0, 0.5, 'float32', 3);
      const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 4);
      const w = tf.randomNormal([batch, steps, units], 0, 1, 'float32', 5); // weights of a loss over every output
      type Run = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor | null, d: tf.Tensor, back: boolean) => { sequence: tf.Tensor; h: tf.Tensor };
      // Gradients with respect to x, u, h0 and (when used) the recurrent bias.
      const inputs = withBias ? [x, u, h0, rb] : [x, u, h0];
      const loss = (f: Run) => (...t: tf.Tensor[]) => {
        const r = f(t[0]!, t[1]!, withBias ? t[3]! : null, t[2]!, goBackwards);
        return tf.add(tf.sum(tf.mul(r.sequence, w)), tf.sum(tf.mul(r.h, 0.5)));
      };
      const fused: Run = (a, b, c, d, back) => tf.gruSequence(a, b, c, d, back)!;
      tf.tidy(() => {
        const ref = stepwise(x, u, withBias ? rb : null, h0, goBackwards);
        const got = fused(x, u, withBias ? rb : null, h0, goBackwards);
        expect(got.sequence.shape).toEqual([batch, steps, units]);
        expect(maxAbsDiff(got.sequence, ref.sequence)).toBeLessThan(1e-5);
        expect(maxAbsDiff(got.h, ref.h)).toBeLessThan(1e-5);
        const gRef = tf.grads(loss(stepwise))(inputs);
        const gGot = tf.grads(loss(fused))(inputs);
        expect(gGot.length).toBe(inputs.length);
        gRef.forEach((g, i) => expect(maxAbsDiff(gGot[i]!, g)).toBeLessThan(1e-5));
        // The gradients are not all zero (a test that would pass for a kernel that returned nothing).
        expect(tf.max(tf.abs(gGot[1]!)).dataSync()[0]!).toBeGreaterThan(1e-3);
      });
      tf.dispose([x, u, rb, h0, w]);
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('declines what it does not run: other dtypes and inconsistent shapes', () => {
    tf.tidy(() => {
      const u = tf.zeros([3, 9]), h = tf.zeros([2, 3]);
      expect(tf.gruSequence(tf.zeros([2, 4, 8]), u, null, h)).toBeNull();
      expect(tf.gruSequence(tf.zeros([2, 4, 9], 'int32'), u, null, h)).toBeNull();
      expect(tf.gruSequence(tf.zeros([2, 0, 9]), u, null, h)).toBeNull();
      expect(tf.gruSequence(tf.zeros([2, 4, 9]), u, tf.zeros([8]), h)).toBeNull();
    });
  });
});

describe('gruSequence with a mask', () => {
  for (const goBackwards of [false, true]) {
    it(`carries the state over masked steps, forward and backward${goBackwards ? ', going backwards' : ''}`, () => {
      const start = tf.memory().numTensors;
      const [batch, steps, units] = [6, 7, 5];
      const x = tf.randomNormal([batch, steps, 3 * units], 0, 1, 'float32', 21);
      const u = tf.randomNormal([units, 3 * units], 0, 0.5, 'float32', 22);
      const rb = tf.randomNormal([3 * units], 0, 0.5, 'float32', 23);
      const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 24);
      const bits = Array.from({ length: batch * steps }, (_, i) => (i < steps ? 0 : i < steps + 3 ? 0 : (i * 7919) % 5 > 1 ? 1 : 0));
      const mask = tf.tensor2d(bits, [batch, steps], 'bool');
      const w = tf.randomNormal([batch, steps, units], 0, 1, 'float32', 25);
      const stepped = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => stepwise(a, b, c, d, goBackwards, mask);
      const fused = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.gruSequence(a, b, c, d, goBackwards, mask)!;
      const loss = (f: typeof stepped) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
        const r = f(a, b, c, d);
        return tf.add(tf.sum(tf.mul(r.sequence, w)), tf.sum(tf.mul(r.h, 0.5)));
      };
      tf.tidy(() => {
        const ref = stepped(x, u, rb, h0), got = fused(x, u, rb, h0);
        expect(maxAbsDiff(got.sequence, ref.sequence)).toBeLessThan(1e-5);
        expect(maxAbsDiff(got.h, ref.h)).toBeLessThan(1e-5);
        expect(Array.from(tf.slice(got.h, [0, 0], [1, units]).dataSync())).toEqual(Array.from(tf.slice(h0, [0, 0], [1, units]).dataSync()));
        const gRef = tf.grads(loss(stepped))([x, u, rb, h0]);
        const gGot = tf.grads(loss(fused))([x, u, rb, h0]);
        gRef.forEach((g, i) => expect(maxAbsDiff(gGot[i]!, g)).toBeLessThan(1e-5));
      });
      tf.dispose([x, u, rb, h0, mask, w]);
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
