import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../index.js';
import { randomInput } from './testing.js';

describe('1,000 training steps through every keras-ts wasm kernel', () => {
  beforeAll(async () => {
    await tf.ready();
    await tf.setBackend('wasm');
  });

  it('ends with the tensor count it started with, and learns', () => {
    const x = tf.tensor4d(randomInput([4, 8, 8, 2], 1).values, [4, 8, 8, 2]);
    const ids = tf.tensor2d([[1, 2], [3, 0], [2, 2], [4, 1]], [4, 2], 'int32');
    const target = tf.tensor2d(randomInput([4, 3], 2).values, [4, 3]);
    const conv = tf.variable(tf.mul(tf.tensor4d(randomInput([3, 3, 2, 4], 3).values, [3, 3, 2, 4]), 0.3));
    const depth = tf.variable(tf.mul(tf.tensor4d(randomInput([3, 3, 4, 1], 4).values, [3, 3, 4, 1]), 0.3));
    const emb = tf.variable(tf.mul(tf.tensor2d(randomInput([5, 3], 5).values, [5, 3]), 0.3));
    const dense = tf.variable(tf.mul(tf.tensor2d(randomInput([64, 3], 6).values, [64, 3]), 0.1));
    const vars = [conv, depth, emb, dense];
    const loss = () =>
      tf.tidy(() => {
        let h = tf.relu(tf.conv2d(x, conv as unknown as tf.Tensor4D, 1, 'same'));
        h = tf.depthwiseConv2d(h, depth as unknown as tf.Tensor4D, 1, 'same');
        h = tf.maxPool(h, 2, 2, 'valid');
        h = tf.avgPool(h, 2, 1, 'same');
        const flat = tf.reshape(h, [4, 64]);
        const logits = tf.add(tf.matMul(flat, dense), tf.sum(tf.gather(emb, ids), 1));
        return tf.mean(tf.square(tf.sub(logits, target))) as tf.Scalar;
      });
    const start = tf.memory().numTensors;
    const first = loss();
    const firstValue = first.dataSync()[0];
    first.dispose();
    for (let step = 0; step < 1000; step++) {
      const { value, grads } = tf.variableGrads(loss, vars);
      tf.tidy(() => {
        for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], 0.05)));
      });
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(start);
    const last = loss();
    expect(last.dataSync()[0]).toBeLessThan(firstValue * 0.5);
    last.dispose();
    tf.dispose([x, ids, target, ...vars]);
  }, 60_000);
});
