import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { smallOpsStats, SMALL } from './small-ops.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('small ops off the XNNPack pool', () => {
  it('run here only on the threaded backend, for small float32 broadcasts, and agree with the cpu kernels', async () => {
    const start = tf.memory().numTensors;
    const threaded = tf.getThreadsCount() > 1;
    const before = smallOpsStats.ran;
    const a = tf.randomNormal([16, 10], 0, 1, 'float32', 1), b = tf.randomNormal([16, 1], 0, 1, 'float32', 2);
    const got = [tf.mul(a, b), tf.sub(a, b), tf.softmax(a), tf.neg(a), tf.sigmoid(a)];
    // Not taken: same shapes (XNNPack runs them on the calling thread), int32, and large outputs.
    const big = tf.ones([SMALL + 1]);
    const skipped = tf.tidy(() => [tf.add(a, a), tf.add(tf.ones([4, 1], 'int32'), tf.ones([4], 'int32')), tf.mul(big, tf.scalar(2))]);
    expect(smallOpsStats.ran - before).toBe(threaded ? got.length : 0);
    const values = got.map((t) => Array.from(t.dataSync()));
    const [av, bv] = [a.dataSync(), b.dataSync()];
    await tf.setBackend('cpu');
    const a2 = tf.tensor(av, [16, 10]), b2 = tf.tensor(bv, [16, 1]);
    const ref = [tf.mul(a2, b2), tf.sub(a2, b2), tf.softmax(a2), tf.neg(a2), tf.sigmoid(a2)];
    ref.forEach((r, i) => {
      const rv = r.dataSync();
      values[i]!.forEach((v, j) => expect(v).toBeCloseTo(rv[j]!, 6));
    });
    tf.dispose([...ref, a2, b2]);
    await tf.setBackend('wasm');
    tf.dispose([...got, ...skipped, a, b, big]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
