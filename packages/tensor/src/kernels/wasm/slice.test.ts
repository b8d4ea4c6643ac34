import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { randomValues, rng } from '../testing.js';

/** Runs `f` on wasm and on cpu (tfjs's reference kernels) and compares every output exactly. */
async function same(f: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const start = tf.memory().numTensors;
    const out = tf.tidy(f);
    const list = Array.isArray(out) ? out : [out];
    const res = list.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) }));
    tf.dispose(list);
    expect(tf.memory().numTensors).toBe(start);
    return res;
  };
  expect(await run('wasm')).toEqual(await run('cpu'));
}

describe('Slice, Unpack and SplitV on wasm', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('are registered', () => {
    for (const k of ['Slice', 'Unpack', 'SplitV']) expect(isOurKernel(k, 'wasm')).toBe(true);
  });

  it('slice random boxes of random shapes and dtypes like the reference', async () => {
    const r = rng(21);
    for (let trial = 0; trial < 30; trial++) {
      const rank = r(1, 5);
      const shape = Array.from({ length: rank }, () => r(1, 6));
      const begin = shape.map((d) => r(0, d - 1));
      const size = shape.map((d, i) => (trial % 5 === 0 ? -1 : r(0, d - begin[i]!)));
      const dtype = (['float32', 'int32', 'bool'] as const)[trial % 3]!;
      const values = Array.from(randomValues(shape.reduce((a, b) => a * b, 1), trial + 1), (v) => (dtype === 'float32' ? v : Math.round(v * 5)));
      await same(() => tf.slice(tf.tensor(values, shape, dtype), begin, size));
    }
  });

  it('unstack and split along every axis like the reference', async () => {
    const x = () => tf.tensor(Array.from(randomValues(3 * 4 * 5, 7)), [3, 4, 5]);
    const sizes: Record<number, number[]> = { 0: [2, 1], 1: [1, 3], 2: [2, 0, 3], [-1]: [4, 1] };
    for (const axis of [0, 1, 2, -1]) {
      await same(() => tf.unstack(x(), axis));
      await same(() => tf.split(x(), sizes[axis]!, axis));
    }
    await same(() => tf.split(tf.tensor([1, 2, 3, 4, 5, 6], [6], 'int32'), 3));
    await same(() => tf.unstack(tf.tensor([1, 0, 1, 1], [2, 2], 'bool')));
  });

  it('keep gradients through unstack and split', async () => {
    await same(() => {
      const x = tf.tensor(Array.from(randomValues(24, 3)), [2, 3, 4]);
      return tf.grad((t: tf.Tensor) => tf.add(tf.sum(tf.addN(tf.unstack(t, 1).map((u, i) => tf.mul(u, i + 1)))), tf.sum(tf.split(t, [1, 3], 2)[1]!)))(x);
    });
  });
});
