import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as initializers from './index.js';

beforeAll(async () => {
  await tf.ready();
});

function stats(t: tf.Tensor) {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std, min: Math.min(...v), max: Math.max(...v) };
}

describe('initializers', () => {
  it('computes fans as Keras (dense and conv kernels)', () => {
    expect(initializers.computeFans([4, 6])).toEqual([4, 6]);
    expect(initializers.computeFans([3, 3, 8, 16])).toEqual([72, 144]);
    expect(initializers.computeFans([5])).toEqual([5, 5]);
  });

  it('glorot_uniform draws within ±sqrt(6/(fan_in+fan_out)); he_normal has std sqrt(2/fan_in)', () => {
    const g = initializers.get('glorot_uniform').apply([200, 300]);
    const limit = Math.sqrt(6 / 500);
    const s = stats(g);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.std).toBeCloseTo(limit / Math.sqrt(3), 2);
    const h = initializers.get('he_normal').apply([400, 300]);
    expect(stats(h).std).toBeCloseTo(Math.sqrt(2 / 400), 2);
    // truncated at 2 stddev of the underlying normal
    expect(stats(h).max).toBeLessThanOrEqual((2 * Math.sqrt(2 / 400)) / 0.8796256610342398 + 1e-6);
    tf.dispose([g, h]);
  });

  it('orthogonal gives orthonormal columns; identity and constant are exact', () => {
    const q = new initializers.Orthogonal({ gain: 2 }).apply([6, 4]);
    const qtq = tf.matMul(q, q, true, false);
    const expected = tf.mul(tf.eye(4), 4);
    expect(tf.max(tf.abs(tf.sub(qtq, expected))).dataSync()[0]).toBeLessThan(1e-4);
    const i = initializers.get('identity').apply([2, 3]);
    expect(Array.from(i.dataSync())).toEqual([1, 0, 0, 0, 1, 0]);
    const c = initializers.get({ class_name: 'Constant', config: { value: 2.5 } }).apply([2]);
    expect(Array.from(c.dataSync())).toEqual([2.5, 2.5]);
    tf.dispose([q, qtq, expected, i, c]);
  });

  it('round-trips configs and resolves Keras names and aliases; unknown names are NotFoundErrors', () => {
    const vs = new initializers.VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 3 });
    const again = initializers.get(initializers.serialize(vs)) as initializers.VarianceScaling;
    expect(again.getConfig()).toEqual({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 3 });
    expect(initializers.get('uniform')).toBeInstanceOf(initializers.RandomUniform);
    expect(initializers.get('GlorotNormal')).toBeInstanceOf(initializers.GlorotNormal);
    expect(() => initializers.get('glorot_uniformm')).toThrow(tf.NotFoundError);
    expect(() => new initializers.VarianceScaling({ mode: 'fan_sideways' as never })).toThrow(/Invalid `mode`/);
  });
});
