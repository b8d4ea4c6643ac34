/**
 * The LSTM layer runs a sequence, masked or not, as one fused op on wasm (tf.lstmSequence) with its default
 * activations, and steps otherwise: both give the same outputs, states and gradients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { LSTM } from './lstm.js';
import { fusedAndStepped, steppedTanh } from '../testing/fused-paths.js';

let previous = '';
beforeAll(async () => {
  previous = tf.getBackend();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
const kernels = async (f: () => tf.Tensor) => (await tf.profile(() => tf.dispose(f()) as never)).kernels.map((k) => k.name);

describe('LSTM over a whole sequence', () => {
  it('takes the fused op with or without a mask, and steps with other activations', async () => {
    const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
    const mask = tf.tensor2d([[1, 1, 0], [1, 0, 0]], [2, 3], 'bool');
    const layer = new LSTM(4);
    expect(await kernels(() => layer.apply(x) as tf.Tensor)).toContain('KerasTsLstmSequence');
    expect(await kernels(() => layer.apply(x, { mask }) as tf.Tensor)).toContain('KerasTsLstmSequence');
    const other = new LSTM(4, { activation: steppedTanh });
    expect(await kernels(() => other.apply(x, { mask }) as tf.Tensor)).not.toContain('KerasTsLstmSequence');
    tf.dispose([x, mask]);
    layer.dispose();
    other.dispose();
  });

  const cases = [
    { returnSequences: true, goBackwards: false, masked: false, zeroOutputForMask: false },
    { returnSequences: false, goBackwards: true, masked: false, zeroOutputForMask: false },
    { returnSequences: true, goBackwards: false, masked: true, zeroOutputForMask: false },
    { returnSequences: true, goBackwards: true, masked: true, zeroOutputForMask: true },
    { returnSequences: false, goBackwards: true, masked: true, zeroOutputForMask: false },
  ];
  for (const { masked, ...opts } of cases) {
    it(`matches stepping (${JSON.stringify({ ...opts, masked })}, with states)`, () => {
      const start = tf.memory().numTensors;
      const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 7);
      // Row 0 fully masked, row 1 masked at its start, row 2 in its middle, row 3 not at all.
      const mask = masked ? tf.tensor2d([[0, 0, 0, 0, 0], [0, 0, 1, 1, 1], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], [4, 5], 'bool') : null;
      const a = new LSTM(6, { ...opts, returnState: true });
      const b = new LSTM(6, { ...opts, returnState: true, activation: steppedTanh });
      const { fused, stepped } = fusedAndStepped(a, b, x, mask);
      expect(fused.outs.length).toBe(3);
      fused.outs.forEach((o, i) => {
        expect(o.shape).toEqual(stepped.outs[i]!.shape);
        expect(maxAbsDiff(o, stepped.outs[i]!)).toBeLessThan(1e-5);
      });
      expect(fused.grads.length).toBe(3);
      fused.grads.forEach((g, i) => expect(maxAbsDiff(g, stepped.grads[i]!)).toBeLessThan(1e-5));
      tf.dispose([...fused.outs, ...stepped.outs, ...fused.grads, ...stepped.grads, fused.loss, stepped.loss, x]);
      if (mask) mask.dispose();
      a.dispose();
      b.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
