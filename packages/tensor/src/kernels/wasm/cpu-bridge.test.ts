import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { bridgedKernels } from './cpu-bridge.js';
import { maxRelError, randomInput } from '../testing.js';

describe('cpu kernels bridged to wasm', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('covers every numeric kernel that wasm lacks', () => {
    expect(bridgedKernels).toContain('Einsum');
    for (const k of tf.getKernelsForBackend('cpu')) {
      if (['Complex', 'ComplexAbs', 'FFT', 'IFFT', 'Real', 'Imag', 'Draw', 'StaticRegexReplace'].includes(k.kernelName)) continue;
      expect(tf.getKernel(k.kernelName, 'wasm'), k.kernelName).toBeDefined();
    }
  });

  it('runs tf.einsum on wasm like cpu, without leaking', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const start = tf.memory().numTensors;
      const a = tf.tensor3d(randomInput([3, 4, 5], 1).values, [3, 4, 5]);
      const b = tf.tensor3d(randomInput([3, 5, 2], 2).values, [3, 5, 2]);
      const y = tf.einsum('bij,bjk->bik', a, b);
      const out = { shape: y.shape, values: y.dataSync() as Float32Array };
      tf.dispose([a, b, y]);
      expect(tf.memory().numTensors).toBe(start);
      return out;
    };
    const ours = await run('wasm');
    const ref = await run('cpu');
    expect(ours.shape).toEqual([3, 4, 2]);
    expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-5);
  });
});
