/**
 * The LSTM layer runs an unmasked sequence as one fused op on wasm (tf.lstmSequence) and steps otherwise: both
 * give the same outputs and states (the same bits) and the same gradients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { LSTM } from './lstm.js';
import { fusedAndStepped } from '../testing/fused-paths.js';

let previous = '';
beforeAll(async () => {
  previous = tf.getBackend();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

describe('LSTM over a whole sequence', () => {
  it('takes the fused op without a mask, and steps with one', async () => {
    const layer = new LSTM(4);
    const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
    const mask = tf.ones([2, 3], 'bool');
    const kernels = async (f: () => tf.Tensor) => (await tf.profile(() => tf.dispose(f()) as never)).kernels.map((k) => k.name);
    expect(await kernels(() => layer.apply(x) as tf.Tensor)).toContain('KerasTsLstmSequence');
    const stepped = await kernels(() => layer.apply(x, { mask }) as tf.Tensor);
    expect(stepped).not.toContain('KerasTsLstmSequence');
    expect(stepped).toContain('KerasTsLstmCell');
    tf.dispose([x, mask]);
    layer.dispose();
  });

  for (const [returnSequences, goBackwards] of [[true, false], [false, true], [true, true]] as const) {
    it(`matches stepping (returnSequences ${returnSequences}, goBackwards ${goBackwards}, with states)`, () => {
      const start = tf.memory().numTensors;
      const layer = new LSTM(6, { returnSequences, goBackwards, returnState: true });
      const x = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 7);
      const { fused, stepped } = fusedAndStepped(layer, x);
      expect(fused.outs.length).toBe(3);
      fused.outs.forEach((o, i) => expect(Array.from(o.dataSync())).toEqual(Array.from(stepped.outs[i]!.dataSync())));
      fused.grads.forEach((g, i) => {
        const d = tf.tidy(() => tf.max(tf.abs(tf.sub(g, stepped.grads[i]!))).dataSync()[0]!);
        expect(d).toBeLessThan(1e-5);
      });
      tf.dispose([...fused.outs, ...stepped.outs, ...fused.grads, ...stepped.grads, fused.loss, stepped.loss, x]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
