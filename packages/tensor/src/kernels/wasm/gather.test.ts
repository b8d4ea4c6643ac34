import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('wasm GatherV2 (axis 0 row copies)', () => {
  it('agrees with the cpu kernel on random shapes, dtypes and axes', async () => {
    const cases: Array<{ shape: number[]; n: number; axis: number; dtype: 'float32' | 'int32' }> = [
      { shape: [50, 7], n: 20, axis: 0, dtype: 'float32' },
      { shape: [10, 3, 40], n: 15, axis: 0, dtype: 'float32' }, // rows of 120: copied whole, not element by element
      { shape: [9, 3, 4], n: 12, axis: 0, dtype: 'int32' },
      { shape: [6], n: 6, axis: 0, dtype: 'float32' },
      { shape: [5, 8], n: 4, axis: 1, dtype: 'float32' },
    ];
    for (const c of cases) {
      const size = c.shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: size }, (_, i) => (c.dtype === 'int32' ? i * 3 - 7 : Math.sin(i) * 10));
      const dimSize = c.shape[c.axis];
      const idx = Array.from({ length: c.n }, (_, i) => (i * 7 + 3) % dimSize);
      const run = () =>
        tf.tidy(() => tf.gather(tf.tensor(values, c.shape, c.dtype), tf.tensor1d(idx, 'int32'), c.axis).arraySync());
      const start = tf.memory().numTensors;
      const ours = run();
      expect(tf.memory().numTensors).toBe(start);
      await tf.setBackend('cpu');
      const ref = run();
      await tf.setBackend('wasm');
      expect(ours).toEqual(ref);
    }
  });

  it('gathers with 2-D indices (Embedding lookups)', () => {
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ids = tf.tensor2d([[2, 0], [1, 1]], undefined, 'int32');
    const out = tf.gather(table, ids);
    expect(out.shape).toEqual([2, 2, 2]);
    expect(Array.from(out.dataSync())).toEqual([5, 6, 1, 2, 3, 4, 3, 4]);
    tf.dispose([table, ids, out]);
  });
});
