import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from './index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('recordLogits / logitsOf', () => {
  it('finds the logits of a recorded softmax output for its own axis and kind only', () => {
    const z = tf.tensor2d([[1, 2, 3], [0, 0, 1]]);
    const p = tf.softmax(z);
    tf.recordLogits(p, z, 'softmax', -1);
    expect(tf.logitsOf(p, 'softmax')).toBe(z);
    expect(tf.logitsOf(p, 'softmax', 1)).toBe(z); // -1 and 1 are the same axis of a rank-2 tensor
    expect(tf.logitsOf(p, 'softmax', 0)).toBeNull();
    expect(tf.logitsOf(p, 'sigmoid')).toBeNull();
    expect(tf.logitsOf(z, 'softmax')).toBeNull();
    tf.dispose([z, p]);
  });

  it('forgets logits disposed since, and never records an output as its own logits', () => {
    const z = tf.tensor1d([0.5, -1]);
    const s = tf.sigmoid(z);
    tf.recordLogits(s, z, 'sigmoid');
    z.dispose();
    expect(tf.logitsOf(s, 'sigmoid')).toBeNull();
    tf.recordLogits(s, s, 'sigmoid');
    expect(tf.logitsOf(s, 'sigmoid')).toBeNull();
    s.dispose();
  });

  it('keeps owned logits out of their tidy and frees them with the output', () => {
    const start = tf.memory().numTensors;
    const x = tf.tensor2d([[1, 2], [3, 5]]);
    const out = tf.tidy(() => {
      const z = tf.mul(x, 2); // an intermediate of this scope
      const p = tf.softmax(z);
      tf.recordLogits(p, z, 'softmax', -1, true);
      return p;
    });
    const z = tf.logitsOf(out, 'softmax');
    expect(z).not.toBeNull();
    expect(Array.from(z!.dataSync())).toEqual([2, 4, 6, 10]);
    expect(tf.memory().numTensors).toBe(start + 3); // x, the output and its logits
    out.dispose();
    expect(z!.isDisposed).toBe(true);
    x.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('frees owned logits when the scope holding the output ends', () => {
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.tensor2d([[1, 2]]);
      const p = tf.tidy(() => {
        const y = tf.add(z, 1);
        const q = tf.sigmoid(y);
        tf.recordLogits(q, y, 'sigmoid', -1, true);
        return q;
      });
      expect(tf.logitsOf(p, 'sigmoid')).not.toBeNull();
    });
    expect(tf.memory().numTensors).toBe(start);
  });
});
