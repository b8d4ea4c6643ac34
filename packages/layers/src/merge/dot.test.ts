import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dot } from './dot.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

describe('Dot', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; batch_dot output shapes', () => {
    const r = runLayerTest({ make: () => new Dot([2, 2]), inputShape: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 5], expectedWeightNames: [] });
    expect(r.config).toMatchObject({ axes: [2, 2], normalize: false });
    runLayerTest({ make: () => new Dot(1, { normalize: true }), inputShape: [[2, 4], [2, 4]], expectedOutputShape: [2, 1] });
    runLayerTest({ make: () => new Dot(-1), inputShape: [[2, 3, 4], [2, 4]], expectedOutputShape: [2, 3] });
  });

  it('computes dot products and cosine similarity', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [-4, 3]]);
    const y = new Dot(1).apply([a, b]) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([17, 0]);
    const c = new Dot(1, { normalize: true }).apply([a, a]) as tf.Tensor;
    for (const v of c.dataSync()) expect(v).toBeCloseTo(1, 5);
    tf.dispose([a, b, y, c]);
  });

  it('input gradients match central differences on wasm', () => {
    for (const layer of [new Dot([1, 2]), new Dot(-1, { normalize: true })]) {
      const x = [seededTensor([2, 3, 4], 5), seededTensor([2, 4, 3], 6)];
      const g = checkGradients(layer, layer.axes === -1 ? [x[0], seededTensor([2, 5, 4], 7)] : x, { wrtInput: true });
      expect(g.failures).toEqual([]);
      tf.dispose(x);
    }
  });

  it('rejects wrong configurations and inputs with Keras-style messages', () => {
    expect(() => new Dot([1, 2, 3])).toThrow(/list should contain two integers/);
    expect(() => new Dot(1.5)).toThrow(/should be an int or a list of two ints/);
    expect(() => new Dot(1).apply([Input({ shape: [3] }), Input({ shape: [4] })])).toThrow(/incompatible input shapes: axis values 3 \(at axis 1\) != 4 \(at axis 1\)/);
    expect(() => new Dot(1).apply([Input({ shape: [3] }), Input({ shape: [3] }), Input({ shape: [3] })])).toThrow(/list of 2 inputs/);
    expect(() => new Dot(0).apply([Input({ shape: [3] }), Input({ shape: [3] })])).toThrow(/batch axis 0 cannot be contracted/);
  });
});
