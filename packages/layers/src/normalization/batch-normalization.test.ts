import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@keras-ts/tensor';
import { BatchNormalization } from './batch-normalization.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

interface Arr { data: number[]; shape: number[] }
const fused = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-data', 'normalization', 'fused_bn.json'), 'utf8')) as Record<string, Arr> & { momentum: number; epsilon: number };
const t = (a: Arr) => tf.tensor(a.data, a.shape);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('BatchNormalization', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config; weights in Keras order', () => {
    const r = runLayerTest({ make: () => new BatchNormalization(), inputShape: [3, 4, 2], expectedOutputShape: [3, 4, 2], expectedWeightNames: ['gamma', 'beta', 'moving_mean', 'moving_variance'], expectedTrainableWeights: 2, expectedNonTrainableWeights: 2 });
    expect(r.config).toMatchObject({ axis: [2], momentum: 0.99, epsilon: 0.001, center: true, scale: true });
    runLayerTest({ make: () => new BatchNormalization({ axis: 1, center: false, scale: false }), inputShape: [2, 3, 4, 4], expectedOutputShape: [2, 3, 4, 4], expectedWeightNames: ['moving_mean', 'moving_variance'] });
    runLayerTest({ make: () => new BatchNormalization({ momentum: 0.9 }), inputShape: [4, 3], expectedOutputShape: [4, 3], training: true });
  });

  it("training on images follows TF's fused kernel (tf.keras 2): output and Bessel-corrected moving variance", () => {
    const bn = new BatchNormalization({ momentum: fused.momentum, epsilon: fused.epsilon });
    const x = t(fused.input);
    bn.apply(x, { training: false }).dispose();
    const w = [t(fused.gamma), t(fused.beta), t(fused.moving_mean), t(fused.moving_variance)];
    bn.setWeights(w);
    const y = bn.apply(x, { training: true }) as tf.Tensor;
    const expected = [t(fused.output), t(fused.new_moving_mean), t(fused.new_moving_variance)];
    expect(maxDiff(y, expected[0])).toBeLessThan(1e-5);
    expect(maxDiff(bn.movingMean, expected[1])).toBeLessThan(1e-6);
    expect(maxDiff(bn.movingVariance, expected[2])).toBeLessThan(1e-6);
    tf.dispose([x, y, ...w, ...expected]);
    bn.dispose();
  });

  it('fused: false (and non-fused ranks) update the moving variance with the biased batch variance', () => {
    const bn = new BatchNormalization({ momentum: 0.5, fused: false });
    const x = tf.tensor2d([[1, 10], [3, 20], [5, 60]]);
    bn.apply(x, { training: true }).dispose();
    expect(Array.from(bn.movingMean.dataSync())).toEqual([1.5, 15]);
    const v = bn.movingVariance.dataSync();
    expect(v[0]).toBeCloseTo(0.5 + 0.5 * (8 / 3), 5);
    expect(v[1]).toBeCloseTo(0.5 + 0.5 * (1400 / 3), 3);
    tf.dispose(x);
    bn.dispose();
  });

  it('a frozen layer (trainable = false) runs in inference mode even when training, as tf.keras 2', () => {
    const bn = new BatchNormalization();
    const x = seededTensor([4, 3], 2, 0, 5);
    bn.apply(x).dispose();
    bn.setWeights([tf.ones([3]), tf.zeros([3]), tf.fill([3], 0.5), tf.fill([3], 2)]);
    bn.trainable = false;
    const yTrain = bn.apply(x, { training: true }) as tf.Tensor;
    const yInf = bn.apply(x, { training: false }) as tf.Tensor;
    expect(maxDiff(yTrain, yInf)).toBe(0);
    expect(Array.from(bn.movingMean.dataSync())).toEqual([0.5, 0.5, 0.5]);
    expect(bn.trainableWeights).toHaveLength(0);
    tf.dispose([x, yTrain, yInf]);
    bn.dispose();
  });

  it('gradients match central differences on wasm (training and inference) and reach gamma and beta', () => {
    expect(tf.getBackend()).toBe('wasm');
    for (const training of [true, false]) {
      const layer = new BatchNormalization({ axis: 1 });
      const x = seededTensor([3, 2, 2, 2], 5);
      const g = checkGradients(layer, x, { wrtInput: true, training });
      expect(g.failures).toEqual([]);
      expect(g.zeroGradWeights).toEqual([]);
      tf.dispose(x);
      layer.dispose();
    }
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new BatchNormalization({ axis: 3 }).apply(tf.zeros([2, 3]))).toThrow(/invalid axis 3 for inputs of rank 2/);
    expect(() => new BatchNormalization({ axis: [1, 1] }).apply(tf.zeros([2, 3]))).toThrow(/duplicate axis/);
    expect(() => new BatchNormalization().apply(Input({ batchShape: [null, 3, null] }))).toThrow(/axis 2 of the input tensor should have a defined dimension/);
    expect(() => new BatchNormalization({ renorm: true })).toThrow(/renorm/);
    const bn = new BatchNormalization();
    bn.apply(tf.zeros([2, 3])).dispose();
    expect(() => bn.apply(tf.zeros([2, 4]))).toThrow(/expected axis 1 of input shape to have value 3/);
    bn.dispose();
  });
});
