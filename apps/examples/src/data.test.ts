import { it, expect } from 'vitest';
import { tf } from 'keras-ts';
import { makeBlobs } from './data.js';

it('makes a deterministic one-hot classification set whose clusters are shared between splits', async () => {
  await tf.ready();
  const a = makeBlobs(100, { seed: 1 });
  const b = makeBlobs(100, { seed: 1 });
  expect(a.x.shape).toEqual([100, 32]);
  expect(a.y.shape).toEqual([100, 10]);
  expect(Array.from(tf.sum(a.y, -1).dataSync()).every((v) => v === 1)).toBe(true);
  expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
  tf.dispose([a.x, a.y, b.x, b.y]);
});
