/**
 * The LSTM and GRU layers run a sequence, masked or not, as one fused op on wasm (tf.lstmSequence,
 * tf.gruSequence) with their default activations (and the GRU's reset_after=true), and step otherwise: both give
 * the same outputs, states and gradients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { LSTM } from './lstm.js';
import { GRU } from './gru.js';
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

const LAYERS = [
  { name: 'LSTM', make: (units: number, opts: object) => new LSTM(units, opts), kernel: 'KerasTsLstmSequence', states: 2 },
  { name: 'GRU', make: (units: number, opts: object) => new GRU(units, opts), kernel: 'KerasTsGruSequence', states: 1 },
];

const CASES = [
  { returnSequences: true, goBackwards: false, masked: false, zeroOutputForMask: false },
  { returnSequences: false, goBackwards: true, masked: false, zeroOutputForMask: false },
  { returnSequences: true, goBackwards: false, masked: true, zeroOutputForMask: false },
  { returnSequences: true, goBackwards: true, masked: true, zeroOutputForMask: true },
  { returnSequences: false, goBackwards: true, masked: true, zeroOutputForMask: false },
  { returnSequences: true, goBackwards: false, masked: true, zeroOutputForMask: false, useBias: false },
];

for (const { name, make, kernel, states } of LAYERS) {
  describe(`${name} over a whole sequence`, () => {
    it('takes the fused op with or without a mask, and steps with other activations', async () => {
      const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
      const mask = tf.tensor2d([[1, 1, 0], [1, 0, 0]], [2, 3], 'bool');
      const layer = make(4, {});
      expect(await kernels(() => layer.apply(x) as tf.Tensor)).toContain(kernel);
      expect(await kernels(() => layer.apply(x, { mask }) as tf.Tensor)).toContain(kernel);
      const other = make(4, { activation: steppedTanh });
      expect(await kernels(() => other.apply(x, { mask }) as tf.Tensor)).not.toContain(kernel);
      tf.dispose([x, mask]);
      layer.dispose();
      other.dispose();
    });

    for (const { masked, ...opts } of CASES) {
      it(`matches stepping (${JSON.stringify({ ...opts, masked })}, with states)`, () => {
        const start = tf.memory().numTensors;
        const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 7);
        // Row 0 fully masked, row 1 masked at its start, row 2 in its middle, row 3 not at all.
        const mask = masked ? tf.tensor2d([[0, 0, 0, 0, 0], [0, 0, 1, 1, 1], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], [4, 5], 'bool') : null;
        const a = make(6, { ...opts, returnState: true });
        const b = make(6, { ...opts, returnState: true, activation: steppedTanh });
        const { fused, stepped } = fusedAndStepped(a, b, x, mask);
        expect(fused.outs.length).toBe(1 + states);
        fused.outs.forEach((o, i) => {
          expect(o.shape).toEqual(stepped.outs[i]!.shape);
          expect(maxAbsDiff(o, stepped.outs[i]!)).toBeLessThan(1e-5);
        });
        expect(fused.grads.length).toBe(opts.useBias === false ? 2 : 3);
        fused.grads.forEach((g, i) => expect(maxAbsDiff(g, stepped.grads[i]!)).toBeLessThan(1e-5));
        tf.dispose([...fused.outs, ...stepped.outs, ...fused.grads, ...stepped.grads, fused.loss, stepped.loss, x]);
        if (mask) mask.dispose();
        a.dispose();
        b.dispose();
        expect(tf.memory().numTensors).toBe(start);
      });
    }
  });
}

it('GRU with reset_after=false steps', async () => {
  const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
  const layer = new GRU(4, { resetAfter: false });
  expect(await kernels(() => layer.apply(x) as tf.Tensor)).not.toContain('KerasTsGruSequence');
  x.dispose();
  layer.dispose();
});
