import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/** The step-by-step LSTM (one fused cell per step): the reference. */
function stepwise(x: tf.Tensor, u: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, goBackwards: boolean) {
  const steps = x.shape[1]!;
  const xs = tf.unstack(x, 1);
  let h = h0, c = c0;
  const outs: tf.Tensor[] = [];
  for (let k = 0; k < steps; k++) {
    const t = goBackwards ? steps - 1 - k : k;
    const r = tf.lstmCell(tf.add(xs[t]!, tf.matMul(h, u)), c)!;
    h = r.h;
    c = r.c;
    outs.push(h);
  }
  return { sequence: tf.stack(outs, 1), h, c };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('lstmSequence', () => {
  for (const goBackwards of [false, true]) {
    it(`equals the step-by-step LSTM, forward (same bits) and backward${goBackwards ? ', going backwards' : ''}`, () => {
      const start = tf.memory().numTensors;
      const [batch, steps, units] = [5, 7, 6];
      const x = tf.randomNormal([batch, steps, 4 * units], 0, 1, 'float32', 1);
      const u = tf.randomNormal([units, 4 * units], 0, 0.5, 'float32', 2);
      const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 3);
      const c0 = tf.randomNormal([batch, units], 0, 1, 'float32', 4);
      const w = tf.randomNormal([batch, steps, units], 0, 1, 'float32', 5); // weights of a loss over every output
      const loss = (f: typeof stepwise) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
        const r = f(a, b, c, d, goBackwards);
        return tf.add(tf.add(tf.sum(tf.mul(r.sequence, w)), tf.sum(tf.mul(r.h, 0.5))), tf.sum(tf.mul(r.c, -0.25)));
      };
      const fused = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, back: boolean) => tf.lstmSequence(a, b, c, d, back)!;
      tf.tidy(() => {
        const ref = stepwise(x, u, h0, c0, goBackwards);
        const got = fused(x, u, h0, c0, goBackwards);
        expect(Array.from(got.sequence.dataSync())).toEqual(Array.from(ref.sequence.dataSync()));
        expect(Array.from(got.h.dataSync())).toEqual(Array.from(ref.h.dataSync()));
        expect(Array.from(got.c.dataSync())).toEqual(Array.from(ref.c.dataSync()));
        const gRef = tf.grads(loss(stepwise))([x, u, h0, c0]);
        const gGot = tf.grads(loss(fused))([x, u, h0, c0]);
        gRef.forEach((g, i) => expect(maxAbsDiff(gGot[i]!, g)).toBeLessThan(1e-5));
      });
      tf.dispose([x, u, h0, c0, w]);
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('declines what it does not run: other dtypes and inconsistent shapes', () => {
    tf.tidy(() => {
      const u = tf.zeros([3, 12]), h = tf.zeros([2, 3]);
      expect(tf.lstmSequence(tf.zeros([2, 4, 8]), u, h, h)).toBeNull();
      expect(tf.lstmSequence(tf.zeros([2, 4, 12], 'int32'), u, h, h)).toBeNull();
      expect(tf.lstmSequence(tf.zeros([2, 0, 12]), u, h, h)).toBeNull();
    });
  });
});

describe('lstmSequence with a mask', () => {
  for (const goBackwards of [false, true]) {
    it(`carries states over masked steps, forward (same bits) and backward${goBackwards ? ', going backwards' : ''}`, () => {
      const start = tf.memory().numTensors;
      const [batch, steps, units] = [6, 7, 5];
      const x = tf.randomNormal([batch, steps, 4 * units], 0, 1, 'float32', 11);
      const u = tf.randomNormal([units, 4 * units], 0, 0.5, 'float32', 12);
      const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 13);
      const c0 = tf.randomNormal([batch, units], 0, 1, 'float32', 14);
      // Row 0 all masked, row 1 masked at the start, the others at random.
      const bits = Array.from({ length: batch * steps }, (_, i) => (i < steps ? 0 : i < steps + 3 ? 0 : (i * 7919) % 5 > 1 ? 1 : 0));
      const mask = tf.tensor2d(bits, [batch, steps], 'bool');
      const w = tf.randomNormal([batch, steps, units], 0, 1, 'float32', 15);
      const stepped = (a: tf.Tensor, b: tf.Tensor, hs: tf.Tensor, cs: tf.Tensor) => {
        const xs = tf.unstack(a, 1), ms = tf.unstack(tf.reshape(mask, [batch, steps, 1]), 1);
        let h = hs, c = cs;
        const outs: tf.Tensor[] = [];
        for (let k = 0; k < steps; k++) {
          const t = goBackwards ? steps - 1 - k : k;
          const r = tf.lstmCell(tf.add(xs[t]!, tf.matMul(h, b)), c)!;
          h = tf.where(tf.broadcastTo(ms[t]!, h.shape), r.h, h);
          c = tf.where(tf.broadcastTo(ms[t]!, c.shape), r.c, c);
          outs.push(h);
        }
        return { sequence: tf.stack(outs, 1), h, c };
      };
      const fused = (a: tf.Tensor, b: tf.Tensor, hs: tf.Tensor, cs: tf.Tensor) => tf.lstmSequence(a, b, hs, cs, goBackwards, mask)!;
      const loss = (f: typeof stepped) => (a: tf.Tensor, b: tf.Tensor, hs: tf.Tensor, cs: tf.Tensor) => {
        const r = f(a, b, hs, cs);
        return tf.add(tf.add(tf.sum(tf.mul(r.sequence, w)), tf.sum(tf.mul(r.h, 0.5))), tf.sum(tf.mul(r.c, -0.25)));
      };
      tf.tidy(() => {
        const ref = stepped(x, u, h0, c0), got = fused(x, u, h0, c0);
        for (const k of ['sequence', 'h', 'c'] as const) expect(Array.from(got[k].dataSync())).toEqual(Array.from(ref[k].dataSync()));
        // The all-masked row keeps its initial state.
        expect(Array.from(tf.slice(got.h, [0, 0], [1, units]).dataSync())).toEqual(Array.from(tf.slice(h0, [0, 0], [1, units]).dataSync()));
        const gRef = tf.grads(loss(stepped))([x, u, h0, c0]);
        const gGot = tf.grads(loss(fused))([x, u, h0, c0]);
        gRef.forEach((g, i) => expect(maxAbsDiff(gGot[i]!, g)).toBeLessThan(1e-5));
      });
      tf.dispose([x, u, h0, c0, mask, w]);
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
