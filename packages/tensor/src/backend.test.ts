import { describe, it, expect } from 'vitest';
import * as tf from './index.js';

describe('backends', () => {
  it('defaults to wasm in Node when no native addon is installed', async () => {
    const native = await tf.loadNativeBackend();
    const name = await tf.ready();
    expect(name).toBe(native ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(name);
  });

  it('switches between cpu and wasm', async () => {
    await tf.setBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(Array.from(tf.add(tf.tensor1d([1, 2]), 1).dataSync())).toEqual([2, 3]);
    await tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('names the package to install when the native backend is absent', async () => {
    const native = await tf.loadNativeBackend();
    if (native) return; // present here: nothing to check
    await expect(tf.setBackend('tensorflow')).rejects.toThrow(/@tensorflow\/tfjs-node/);
    await expect(tf.setBackend('tensorflow')).rejects.toBeInstanceOf(tf.BackendNotInstalledError);
    await expect(tf.setBackend('no-such-backend')).rejects.toBeInstanceOf(tf.BackendNotInstalledError);
  });

  it('runs on the native backend when @tensorflow/tfjs-node(-gpu) is installed', async (ctx) => {
    const native = await tf.loadNativeBackend();
    if (!native) {
      console.log('skipped: neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed (their install step downloads libtensorflow)');
      ctx.skip();
    }
    await tf.setBackend('tensorflow');
    expect(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]).toBe(6);
    await tf.setBackend('wasm');
  });
});
