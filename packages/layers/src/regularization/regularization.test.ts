import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError, ShapeError } from '@keras-ts/tensor';
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, GaussianDropout, GaussianNoise, AlphaDropout, ActivityRegularization } from './index.js';
import { serialize, deserialize } from '../serialization/layer-serialization.js';
import { runLayerTest } from '../testing/layer-test.js';
import type { Layer } from '../engine/layer.js';

beforeAll(async () => {
  await tf.ready();
});

describe('regularization layers: identity at inference, config round trip', () => {
  const cases: Array<[string, () => Layer, number[]]> = [
    ['SpatialDropout1D', () => new SpatialDropout1D(0.3), [2, 4, 3]],
    ['SpatialDropout2D', () => new SpatialDropout2D(0.3, { dataFormat: 'channels_first' }), [2, 3, 4, 4]],
    ['SpatialDropout3D', () => new SpatialDropout3D(0.3), [2, 2, 2, 2, 3]],
    ['GaussianDropout', () => new GaussianDropout(0.3), [2, 5]],
    ['GaussianNoise', () => new GaussianNoise(0.3), [2, 5]],
    ['AlphaDropout', () => new AlphaDropout(0.3), [2, 5]],
  ];
  // (ActivityRegularization holds its call losses until the trainer clears them: tested on its own below.)
  it.each(cases)('%s', (_n, make, shape) => {
    runLayerTest({ make, inputShape: shape, expectedOutputShape: shape, expectedWeights: 0 });
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const layer = make();
      const x = tf.randomNormal(shape);
      const y = layer.apply(x, { training: false }) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(x, y))).dataSync()[0]).toBe(0);
    });
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('regularization layers in training', () => {
  it('SpatialDropout2D drops whole channels (channels_last and channels_first) and rescales the rest', () => {
    tf.tidy(() => {
      const x = tf.ones([4, 5, 5, 8]);
      const y = new SpatialDropout2D(0.5, { seed: 1 }).apply(x, { training: true }) as tf.Tensor;
      const perChannel = tf.max(y, [1, 2]).arraySync() as number[][];
      const mins = tf.min(y, [1, 2]).arraySync() as number[][];
      perChannel.forEach((row, b) => row.forEach((v, c) => expect(v).toBe(mins[b][c]))); // constant per map
      const vals = new Set(perChannel.flat());
      expect([...vals].sort()).toEqual([0, 2]);
      const xf = tf.ones([4, 8, 5, 5]);
      const yf = new SpatialDropout2D(0.5, { dataFormat: 'channels_first' }).apply(xf, { training: true }) as tf.Tensor;
      expect(tf.sum(tf.sub(tf.max(yf, [2, 3]), tf.min(yf, [2, 3]))).dataSync()[0]).toBe(0);
      const y1 = new SpatialDropout1D(0.5).apply(tf.ones([3, 6, 10]), { training: true }) as tf.Tensor;
      expect(tf.sum(tf.sub(tf.max(y1, 1), tf.min(y1, 1))).dataSync()[0]).toBe(0);
    });
  });

  it('GaussianDropout keeps the mean with variance rate/(1-rate); GaussianNoise adds stddev noise', () => {
    tf.tidy(() => {
      const x = tf.ones([200, 100]);
      const gd = new GaussianDropout(0.5).apply(x, { training: true }) as tf.Tensor;
      const m = tf.moments(gd);
      expect(m.mean.dataSync()[0]).toBeCloseTo(1, 1);
      expect(m.variance.dataSync()[0]).toBeCloseTo(1, 1);
      const gn = new GaussianNoise(0.5).apply(tf.zeros([200, 100]), { training: true }) as tf.Tensor;
      const n = tf.moments(gn);
      expect(n.mean.dataSync()[0]).toBeCloseTo(0, 1);
      expect(Math.sqrt(n.variance.dataSync()[0])).toBeCloseTo(0.5, 1);
    });
  });

  it('AlphaDropout keeps zero mean and unit variance of standard-normal inputs', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([300, 200], 0, 1, 'float32', 3);
      const y = new AlphaDropout(0.2).apply(x, { training: true }) as tf.Tensor;
      const m = tf.moments(y);
      expect(Math.abs(m.mean.dataSync()[0])).toBeLessThan(0.05);
      expect(m.variance.dataSync()[0]).toBeCloseTo(1, 1);
      const alphaP = -1.6732632423543772 * 1.0507009873554805;
      const a = ((1 - 0.2) * (1 + 0.2 * alphaP * alphaP)) ** -0.5;
      const droppedValue = a * alphaP - a * alphaP * 0.2;
      const dropped = tf.sum(tf.cast(tf.less(tf.abs(tf.sub(y, droppedValue)), 1e-5), 'float32')).dataSync()[0] / y.size;
      expect(dropped).toBeGreaterThan(0.15);
      expect(dropped).toBeLessThan(0.25);
    });
  });

  it('ActivityRegularization adds l1*sum|x| + l2*sum(x^2) over the batch size as a loss', () => {
    const layer = new ActivityRegularization({ l1: 0.1, l2: 0.2 });
    const x = tf.tensor2d([[1, -2], [3, 0]]);
    const y = layer.apply(x) as tf.Tensor;
    const [loss] = layer.losses;
    expect(loss.dataSync()[0]).toBeCloseTo((0.1 * 6 + 0.2 * 14) / 2, 5);
    expect(serialize(layer).config).toMatchObject({ l1: 0.1, l2: 0.2 });
    expect(serialize(layer).config).not.toHaveProperty('activity_regularizer');
    const back = deserialize(serialize(layer)) as ActivityRegularization;
    expect([back.l1, back.l2]).toEqual([0.1, 0.2]);
    tf.dispose([x, y, loss]);
    layer.clearCallLosses();
  });

  it('refuses bad rates, formats and ranks', () => {
    expect(() => new GaussianDropout(1.5)).toThrow(ValueError);
    expect(() => new AlphaDropout(-0.1)).toThrow(ValueError);
    expect(() => new GaussianNoise(-1)).toThrow(/stddev/);
    expect(() => new SpatialDropout2D(0.5, { dataFormat: 'channels_middle' as never })).toThrow(/data_format/);
    const x = tf.zeros([2, 3]);
    expect(() => new SpatialDropout1D(0.5).apply(x)).toThrow(ShapeError);
    x.dispose();
  });
});
