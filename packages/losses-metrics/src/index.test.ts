import { beforeAll, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as pkg from './index.js';

beforeAll(async () => {
  await tf.ready();
});

it('exposes keras.losses / keras.metrics namespaces and the base classes', () => {
  expect(pkg.losses.CategoricalCrossentropy).toBeTypeOf('function');
  expect(pkg.losses.get('mse')).toBe(pkg.losses.meanSquaredError);
  expect(pkg.metrics.AUC).toBeTypeOf('function');
  expect(pkg.metrics.resolveMetric).toBe(pkg.resolveMetric);
  expect(pkg.Loss).toBe(pkg.losses.Loss);
  expect(pkg.Metric).toBe(pkg.metrics.Metric);
  // The two MeanSquaredError classes (loss and metric) live apart, as in Keras.
  expect(pkg.losses.MeanSquaredError).not.toBe(pkg.metrics.MeanSquaredError);
});

it('Metric.apply updates and returns the running result (Python metric(y_true, y_pred))', () => {
  const start = tf.memory().numTensors;
  const m = new pkg.metrics.BinaryAccuracy();
  const r1 = m.apply([[1], [0]], [[0.9], [0.8]]);
  const r2 = m.apply([[1], [1]], [[0.9], [0.7]]);
  expect(r1.dataSync()[0]).toBeCloseTo(0.5, 6);
  expect(r2.dataSync()[0]).toBeCloseTo(0.75, 6);
  tf.dispose([r1, r2]);
  m.dispose();
  expect(tf.memory().numTensors).toBe(start);
});

it('takes null for "no sample weight" and a number for a uniform one', () => {
  const start = tf.memory().numTensors;
  const l = new pkg.losses.MeanSquaredError();
  const a = l.apply([[1, 2]], [[2, 4]], null);
  expect(a.dataSync()[0]).toBeCloseTo(2.5, 6);
  const m = new pkg.metrics.Mean();
  m.updateState([1, 3], null);
  m.updateState([5], 2);
  const r = m.result();
  expect(r.dataSync()[0]).toBeCloseTo((1 + 3 + 10) / 4, 6);
  const acc = new pkg.metrics.CategoricalAccuracy();
  acc.updateState([[0, 1]], [[0.2, 0.8]], null);
  tf.dispose([a, r]);
  m.dispose();
  acc.dispose();
  expect(tf.memory().numTensors).toBe(start);
});
