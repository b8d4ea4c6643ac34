import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';

describe('Identity and same-dtype Cast on wasm share the buffer', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('are registered', () => {
    expect(isOurKernel('Identity', 'wasm')).toBe(true);
    expect(isOurKernel('Cast', 'wasm')).toBe(true);
  });

  it('clone and cast share data, count references, and free the buffer with the last tensor', () => {
    const start = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    expect(y.dataId).toBe(x.dataId);
    expect(z.dataId).toBe(x.dataId);
    const backend = tf.backend() as unknown as { refCount(id: object): number };
    expect(backend.refCount(x.dataId)).toBe(3);
    expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers + 1); // one buffer for three tensors
    x.dispose();
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1, 2, 3]);
    z.dispose();
    expect(tf.memory().numTensors).toBe(start.numTensors);
    expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
  });

  it('still converts when the dtype changes, and keeps strings working', () => {
    const x = tf.tensor1d([1.7, -2.2, 0, 256, NaN, 0.25]);
    const i = tf.cast(x, 'int32');
    const b = tf.cast(x, 'bool');
    const ib = tf.cast(tf.tensor1d([0, -2, 256], 'int32'), 'bool');
    expect(i.dataId).not.toBe(x.dataId);
    expect(Array.from(i.dataSync()).slice(0, 4)).toEqual([1, -2, 0, 256]);
    // Any non-zero (and NaN) is true, as in TensorFlow (tfjs's wasm kernel kept the low byte: -2 -> 254).
    expect(Array.from(b.dataSync())).toEqual([1, 1, 0, 1, 1, 1]);
    expect(Array.from(ib.dataSync())).toEqual([0, 1, 1]);
    ib.dispose();
    const s = tf.tensor1d(['a', 'b'], 'string');
    expect(tf.clone(s).arraySync()).toEqual(['a', 'b']);
    tf.dispose([x, i, b, s]);
  });

  it('keeps a gradient through a saved (cloned) activation right', () => {
    const x = tf.tensor2d([[1, -2], [3, 4]]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), t)))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 0, 6, 8]);
    tf.dispose([x, g]);
  });
});
