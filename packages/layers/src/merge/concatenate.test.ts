import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Concatenate } from './concatenate.js';
import { concatenate } from './merge-functions.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('Concatenate', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config', () => {
    const r = runLayerTest({ make: () => new Concatenate({ axis: 1 }), inputShape: [[2, 3, 4], [2, 1, 4]], expectedOutputShape: [2, 4, 4], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ axis: 1 });
    runLayerTest({ make: () => new Concatenate(), inputShape: [[2, 3], [2, 5], [2, 1]], expectedOutputShape: [2, 9] });
    expect((concatenate([Input({ shape: [3, 2] }), Input({ shape: [3, 5] })]) as unknown as { shape: unknown }).shape).toEqual([null, 3, 7]);
  });

  it('input gradients match central differences on wasm', () => {
    const x = [seededTensor([2, 3], 5), seededTensor([2, 2], 6)];
    const g = checkGradients(new Concatenate(), x, { wrtInput: true });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('concatenates masks (all-true for unmasked inputs) and reduces the last axis', () => {
    const a = tf.ones([2, 3, 2]);
    const b = tf.ones([2, 3, 2]);
    const m1 = tf.tensor2d([[1, 1, 0], [1, 0, 1]], undefined, 'bool');
    const layer = new Concatenate();
    const m = layer.computeMask([a, b], [m1, null]) as tf.Tensor;
    expect(m.shape).toEqual([2, 3]);
    expect(Array.from(m.dataSync())).toEqual([1, 1, 0, 1, 0, 1]);
    tf.dispose([a, b, m1, m]);
  });

  it('rejects mismatched shapes with Keras-style messages', () => {
    expect(() => new Concatenate().apply([Input({ shape: [3, 4] }), Input({ shape: [2, 4] })])).toThrow(/requires inputs with matching shapes except for the concatenation axis/);
    expect(() => new Concatenate({ axis: 3 }).apply([Input({ shape: [3, 4] }), Input({ shape: [3, 4] })])).toThrow(/invalid concatenation axis 3/);
    expect(() => new Concatenate().apply([Input({ shape: [3, 4] }), Input({ shape: [4] })])).toThrow(/matching shapes/);
  });
});
