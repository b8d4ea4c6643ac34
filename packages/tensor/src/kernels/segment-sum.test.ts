import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../index.js';
import { isOurKernel } from './registry.js';
import { maxRelError, randomInput, rng, runKernelOn } from './testing.js';

function reference(x: Float32Array, ids: Int32Array, inner: number, numSegments: number): Float32Array {
  const out = new Float32Array(numSegments * inner);
  ids.forEach((s, i) => {
    if (s < 0 || s >= numSegments) return;
    for (let j = 0; j < inner; j++) out[s * inner + j] += x[i * inner + j];
  });
  return out;
}

describe('UnsortedSegmentSum (wasm and cpu)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for both backends', () => {
    expect(isOurKernel('UnsortedSegmentSum', 'wasm')).toBe(true);
    expect(isOurKernel('UnsortedSegmentSum', 'cpu')).toBe(true);
  });

  it.each(['wasm', 'cpu'])('sums random segments on %s, dropping out-of-range ids', async (backend) => {
    const r = rng(5);
    for (let trial = 0; trial < 10; trial++) {
      const rows = r(1, 30), inner = r(1, 7), numSegments = r(1, 12);
      const idsRank2 = trial % 2 === 0 && rows % 2 === 0;
      const ids = Int32Array.from({ length: rows }, () => r(-1, numSegments));
      const xShape = idsRank2 ? [2, rows / 2, inner] : [rows, inner];
      const x = randomInput(xShape, trial);
      const out = await runKernelOn(backend, 'UnsortedSegmentSum',
        { x, segmentIds: { shape: idsRank2 ? [2, rows / 2] : [rows], values: ids, dtype: 'int32' } }, { numSegments });
      expect(out.shape).toEqual([numSegments, inner]);
      expect(maxRelError(out.values, reference(x.values as Float32Array, ids, inner, numSegments))).toBeLessThan(1e-6);
    }
  });

  it('sums int32 values', async () => {
    const out = await runKernelOn('wasm', 'UnsortedSegmentSum', {
      x: { shape: [4], values: Int32Array.from([1, 2, 3, 4]), dtype: 'int32' },
      segmentIds: { shape: [4], values: Int32Array.from([1, 0, 1, 5]), dtype: 'int32' },
    }, { numSegments: 2 });
    expect(Array.from(out.values)).toEqual([2, 4]);
  });

  it('makes an embedding (gather) trainable on wasm, matching cpu', async () => {
    const grad = async (backend: string) => {
      await tf.setBackend(backend);
      const table = tf.variable(tf.tensor2d(randomInput([10, 4], 9).values, [10, 4]));
      const idx = tf.tensor2d([[1, 3, 3], [9, 0, 1]], [2, 3], 'int32');
      const start = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.gather(table, idx))) as tf.Scalar, [table]);
      const g = grads[table.name].dataSync() as Float32Array;
      tf.dispose([value, grads[table.name]]);
      expect(tf.memory().numTensors).toBe(start);
      tf.dispose([table, idx]);
      return g;
    };
    expect(maxRelError(await grad('wasm'), await grad('cpu'))).toBeLessThan(1e-6);
  });
});
