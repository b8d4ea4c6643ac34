/**
 * The GRU layer runs an unmasked sequence as one fused op on wasm (tf.gruSequence) where it can (reset gate
 * after the recurrent product, default activations) and steps otherwise: both give the same outputs and states
 * (to rounding) and the same gradients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GRU } from './gru.js';
import { fusedAndStepped } from '../testing/fused-paths.js';

let previous = '';
beforeAll(async () => {
  previous = tf.getBackend();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('GRU over a whole sequence', () => {
  const kernels = async (f: () => tf.Tensor) => (await tf.profile(() => tf.dispose(f()) as never)).kernels.map((k) => k.name);

  it('takes the fused op without a mask, and steps with one or with reset_after=false', async () => {
    const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
    const mask = tf.ones([2, 3], 'bool');
    const layer = new GRU(4);
    expect(await kernels(() => layer.apply(x) as tf.Tensor)).toContain('KerasTsGruSequence');
    expect(await kernels(() => layer.apply(x, { mask }) as tf.Tensor)).not.toContain('KerasTsGruSequence');
    const before = new GRU(4, { resetAfter: false });
    expect(await kernels(() => before.apply(x) as tf.Tensor)).not.toContain('KerasTsGruSequence');
    tf.dispose([x, mask]);
    layer.dispose();
    before.dispose();
  });

  for (const [returnSequences, goBackwards, useBias] of [[true, false, true], [false, true, true], [true, true, false]] as const) {
    it(`matches stepping (returnSequences ${returnSequences}, goBackwards ${goBackwards}, useBias ${useBias}, with states)`, () => {
      const start = tf.memory().numTensors;
      const layer = new GRU(6, { returnSequences, goBackwards, useBias, returnState: true });
      const x = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 7);
      const { fused, stepped } = fusedAndStepped(layer, x);
      expect(fused.outs.length).toBe(2);
      fused.outs.forEach((o, i) => {
        expect(o.shape).toEqual(stepped.outs[i]!.shape);
        expect(maxAbsDiff(o, stepped.outs[i]!)).toBeLessThan(1e-5);
      });
      expect(fused.grads.length).toBe(useBias ? 3 : 2);
      fused.grads.forEach((g, i) => expect(maxAbsDiff(g, stepped.grads[i]!)).toBeLessThan(1e-5));
      tf.dispose([...fused.outs, ...stepped.outs, ...fused.grads, ...stepped.grads, fused.loss, stepped.loss, x]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
