import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as metrics from './index.js';
import * as losses from '../losses/index.js';

let start = 0;
beforeAll(async () => {
  await tf.ready();
});
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

function read(m: metrics.Metric): number[] {
  const r = m.result();
  const v = Array.from(r.dataSync());
  r.dispose();
  return v;
}

describe('Metric state', () => {
  it('keeps its state in non-trainable variables, resets and disposes them', () => {
    const m = new metrics.Mean();
    expect(m.variables.map((v) => tf.variableInfo(v).path)).toEqual(['mean/total', 'mean/count']);
    expect(m.variables.every((v) => !v.trainable)).toBe(true);
    m.updateState([1, 2, 3]);
    m.updateState([4], [2]);
    expect(read(m)[0]).toBeCloseTo((1 + 2 + 3 + 8) / 5, 6);
    m.resetState();
    expect(read(m)).toEqual([0]);
    m.dispose();
    expect(m.variables).toEqual([]);
  });

  it('Mean counts every element of weighted values, like tf.keras 2 (Keras 3 counts samples)', () => {
    const m = new metrics.Mean();
    m.updateState([1, 1]); // total 2, count 2
    // [2, 2] values with per-sample weights [1, 3]: weights broadcast to [[1,1],[3,3]]: total 8+... count 8
    m.updateState([[1, 2], [3, 4]], [1, 3]);
    expect(read(m)[0]).toBeCloseTo((2 + (1 + 2) + 3 * (3 + 4)) / (2 + 8), 6);
    // Weights of rank 2 lower than the values': each sample's values are averaged, then weighted once.
    const m2 = new metrics.Mean();
    m2.updateState([[[1, 3], [5, 7]]], [2]);
    expect(read(m2)[0]).toBeCloseTo(4, 6);
    m.dispose();
    m2.dispose();
  });

  it('does not read tensors back while updating', () => {
    const spies = [vi.spyOn(tf.Tensor.prototype, 'dataSync'), vi.spyOn(tf.Tensor.prototype, 'arraySync'), vi.spyOn(tf.Tensor.prototype, 'data')];
    const yt = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
    const yp = tf.tensor2d([[0.2, 0.7, 0.1], [0.5, 0.3, 0.2]]);
    const sw = tf.tensor1d([1, 2]);
    const all = [...metrics.metricClasses().entries()].filter(([n]) => n !== 'Mean' && n !== 'Sum').map(([, c]) => new c());
    all.push(new metrics.AUC({ multiLabel: true }), new metrics.Precision({ topK: 2 }), new metrics.Recall({ classId: 1 }));
    for (const m of all) {
      const labels = m instanceof metrics.SparseCategoricalAccuracy || m instanceof metrics.SparseTopKCategoricalAccuracy ||
        m instanceof metrics.SparseCategoricalCrossentropy ? tf.tensor1d([1, 0]) : yt;
      m.updateState(labels, yp, sw);
      if (labels !== yt) labels.dispose();
    }
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    for (const m of all) m.dispose();
    tf.dispose([yt, yp, sw]);
  });
});

describe('metric specifics', () => {
  it('uses tf.keras 2 default names', () => {
    const made = [new metrics.KLDivergence(), new metrics.LogCoshError(), new metrics.AUC(), new metrics.TopKCategoricalAccuracy()];
    expect(made.map((m) => m.name)).toEqual(['kullback_leibler_divergence', 'logcosh', 'auc', 'top_k_categorical_accuracy']);
    expect(made[3].getConfig()).toEqual({ name: 'top_k_categorical_accuracy', dtype: 'float32', k: 5 });
    for (const m of made) m.dispose();
  });

  it('Precision/TruePositives give a scalar for one threshold and a vector for several', () => {
    const p = new metrics.Precision({ thresholds: [0.3, 0.6] });
    p.updateState([1, 0, 1, 1], [0.4, 0.5, 0.7, 0.2]);
    const r = p.result();
    expect(r.shape).toEqual([2]);
    const [a, b] = Array.from(r.dataSync());
    expect(a).toBeCloseTo(2 / 3, 6);
    expect(b).toBe(1);
    r.dispose();
    const tp = new metrics.TruePositives();
    tp.updateState([1, 0, 1, 1], [0.4, 0.5, 0.7, 0.2]);
    const t = tp.result();
    expect(t.shape).toEqual([]);
    expect(t.dataSync()[0]).toBe(1);
    t.dispose();
    p.dispose();
    tp.dispose();
  });

  it('Precision with top_k counts only the k highest predictions', () => {
    const p = new metrics.Precision({ topK: 1 });
    p.updateState([[0, 1, 1], [1, 0, 0]], [[0.2, 0.9, 0.8], [0.1, 0.2, 0.3]]);
    expect(read(p)[0]).toBeCloseTo(0.5, 6);
    p.dispose();
  });

  it('AUC of a perfect and of a reversed ranking', () => {
    const good = new metrics.AUC();
    good.updateState([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]);
    expect(read(good)[0]).toBeCloseTo(1, 5);
    const bad = new metrics.AUC();
    bad.updateState([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]);
    expect(read(bad)[0]).toBeCloseTo(0, 5);
    good.dispose();
    bad.dispose();
    expect(() => new metrics.AUC({ curve: 'XY' as never })).toThrow(tf.ValueError);
    expect(() => new metrics.AUC({ numThresholds: 1 })).toThrow(/num_thresholds/);
  });

  it('top-k accuracy counts ties as in the top k (tf.math.in_top_k)', () => {
    const m = new metrics.SparseTopKCategoricalAccuracy({ k: 1 });
    m.updateState([0, 1], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]]);
    expect(read(m)[0]).toBeCloseTo(0.5, 6);
    m.dispose();
  });

  it('SparseCategoricalCrossentropy metric leaves ignore_class entries out even without sample weights (tf.keras 2)', () => {
    const m = new metrics.SparseCategoricalCrossentropy({ ignoreClass: -1 });
    m.updateState([0, -1, 1], [[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]]);
    expect(read(m)[0]).toBeCloseTo((-Math.log(0.5) - Math.log(0.8)) / 2, 5);
    m.dispose();
  });
});

describe('metric errors', () => {
  it('name the metric and the shapes when labels and predictions do not fit', () => {
    const m = new metrics.MeanSquaredError();
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    expect(() => m.updateState(a, b)).toThrow(tf.ShapeError);
    expect(() => m.updateState(a, b)).toThrow(/Metric mean_squared_error: .*y_true.shape=\[2,3\] and y_pred.shape=\[2,4\]/);
    expect(() => m.updateState(a)).toThrow(/needs yPred/);
    const p = new metrics.Precision();
    expect(() => p.updateState(a, b)).toThrow(tf.ShapeError);
    expect(() => new metrics.Precision({ thresholds: [0.5, 1.5] })).toThrow(/threshold values must be in \[0, 1\]/);
    const r = new metrics.Recall({ classId: 7 });
    expect(() => r.updateState(a, a)).toThrow(/class_id 7 is out of range/);
    r.dispose();
    tf.dispose([a, b]);
    m.dispose();
    p.dispose();
  });
});

describe('metrics.get / serialize / deserialize', () => {
  it('resolves Keras names', () => {
    expect(metrics.get('accuracy')).toBe(metrics.accuracy);
    expect(metrics.get('acc')).toBe(metrics.accuracy);
    expect(metrics.get('mse')).toBe(metrics.meanSquaredError);
    expect(metrics.get('mae')).toBe(metrics.meanAbsoluteError);
    expect(metrics.get('top_k_categorical_accuracy')).toBe(metrics.METRIC_FUNCTIONS.top_k_categorical_accuracy);
    const auc = metrics.get('AUC') as metrics.AUC;
    expect(auc).toBeInstanceOf(metrics.AUC);
    auc.dispose();
    const auc2 = metrics.get('auc') as metrics.AUC;
    expect(auc2).toBeInstanceOf(metrics.AUC);
    auc2.dispose();
    expect(() => metrics.get('acuracy')).toThrow(tf.NotFoundError);
    expect(() => metrics.get('acuracy')).toThrow(/Unknown metric: 'acuracy'/);
  });

  it('round-trips every metric class and reads tf.keras 2 MeanMetricWrapper configs', () => {
    for (const [name, cls] of metrics.metricClasses()) {
      const original = new cls();
      const s = metrics.serialize(original) as { class_name: string; config: Record<string, unknown> };
      expect(s.class_name).toBe(name);
      const back = metrics.deserialize(JSON.parse(JSON.stringify(s))) as metrics.Metric;
      expect(back).toBeInstanceOf(cls);
      expect(back.getConfig()).toEqual(original.getConfig());
      original.dispose();
      back.dispose();
    }
    const w = metrics.deserialize({ class_name: 'MeanMetricWrapper', config: { name: 'mse', dtype: 'float32', fn: 'mean_squared_error' } }) as metrics.MeanMetricWrapper;
    w.updateState([[1, 2]], [[1, 4]]);
    expect(read(w)[0]).toBeCloseTo(2, 6);
    expect(metrics.serialize(w)).toEqual({ class_name: 'MeanMetricWrapper', config: { name: 'mse', dtype: 'float32', fn: 'mean_squared_error' } });
    w.dispose();
    expect(() => metrics.deserialize({ class_name: 'AUC', config: { name: 'auc', dtype: 'float16' } })).toThrow(tf.NotImplementedError);
    expect(() => metrics.deserialize({ class_name: 'BinaryAccuracy', config: { treshold: 0.2 } })).toThrow(/unrecognized argument 'treshold'/);
    expect(() => metrics.deserialize({ class_name: 'Mean', config: { name: 'm', axis: 1 } })).toThrow(/Mean: unrecognized argument 'axis'/);
  });
});

describe('resolveMetric (compile)', () => {
  const cases: [string, metrics.ResolveMetricContext, unknown, string][] = [
    ['accuracy', { loss: 'binary_crossentropy', outputShape: [null, 3] }, metrics.BinaryAccuracy, 'accuracy'],
    ['acc', { loss: 'binary_crossentropy' }, metrics.BinaryAccuracy, 'acc'],
    ['accuracy', { loss: 'mse', outputShape: [null, 1] }, metrics.BinaryAccuracy, 'accuracy'],
    ['accuracy', { loss: 'sparse_categorical_crossentropy', outputShape: [null, 10] }, metrics.SparseCategoricalAccuracy, 'accuracy'],
    ['acc', { loss: new losses.SparseCategoricalCrossentropy({ fromLogits: true }) }, metrics.SparseCategoricalAccuracy, 'acc'],
    ['accuracy', { loss: 'categorical_crossentropy', outputShape: [null, 10] }, metrics.CategoricalAccuracy, 'accuracy'],
    ['accuracy', { loss: 'mse', outputShape: [null, 10], targetShape: [null] }, metrics.SparseCategoricalAccuracy, 'accuracy'],
    ['accuracy', { loss: losses.categoricalCrossentropy as never, outputShape: [null, 10], targetShape: [null, 10] }, metrics.CategoricalAccuracy, 'accuracy'],
    ['acc', { loss: losses.resolveLoss('sparse_categorical_crossentropy') }, metrics.SparseCategoricalAccuracy, 'acc'],
    ['accuracy', { loss: losses.resolveLoss('binary_crossentropy') }, metrics.BinaryAccuracy, 'accuracy'],
    ['crossentropy', { loss: 'binary_crossentropy' }, metrics.BinaryCrossentropy, 'crossentropy'],
    ['ce', { outputShape: [null, 5], targetShape: [null, 1] }, metrics.SparseCategoricalCrossentropy, 'ce'],
    ['crossentropy', { outputShape: [null, 5] }, metrics.CategoricalCrossentropy, 'crossentropy'],
    ['AUC', {}, metrics.AUC, 'auc'],
    ['mse', {}, metrics.MeanMetricWrapper, 'mse'],
    ['top_k_categorical_accuracy', {}, metrics.MeanMetricWrapper, 'top_k_categorical_accuracy'],
  ];
  it.each(cases)('%s with %j', (id, ctx, cls, name) => {
    const m = metrics.resolveMetric(id, ctx);
    expect(m).toBeInstanceOf(cls as never);
    expect(m.name).toBe(name);
    m.dispose();
  });

  it('wraps functions and keeps Metric instances', () => {
    const m = metrics.resolveMetric('mae');
    m.updateState([[1, 2]], [[2, 4]]);
    expect(read(m)[0]).toBeCloseTo(1.5, 6);
    m.dispose();
    const custom = metrics.resolveMetric(function myMetric(t: tf.Tensor, p: tf.Tensor) {
      return tf.sub(p, t);
    });
    expect(custom.name).toBe('myMetric');
    custom.dispose();
    const auc = new metrics.AUC({ name: 'my_auc' });
    expect(metrics.resolveMetric(auc)).toBe(auc);
    auc.dispose();
  });
});
