/**
 * The guide's "Build a simple model" and "Train and evaluate" (NumPy input) samples, in TypeScript.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { keras, tf } from '../index.js';
import { learnable, random } from './helpers.js';

beforeAll(async () => {
  await tf.ready();
});

describe('guide: Build a simple model', () => {
  it('Sequential model: stack Dense layers with add()', async () => {
    const model = new keras.Sequential();
    // Adds a densely-connected layer with 64 units to the model:
    model.add(new keras.layers.Dense(64, { activation: 'relu' }));
    // Add another:
    model.add(new keras.layers.Dense(64, { activation: 'relu' }));
    // Add a softmax layer with 10 output units:
    model.add(new keras.layers.Dense(10, { activation: 'softmax' }));
    model.compile({ optimizer: tf.train.AdamOptimizer(0.001), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x, y } = learnable(1000);
    const history = await model.fit(x, y, { epochs: 10, batchSize: 32, verbose: 0 });
    // The first fit built the model and the optimizer's state; another fit allocates nothing that outlives it.
    const start = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    expect(tf.memory().numTensors).toBe(start);
    const loss = history.history.loss;
    expect(loss).toHaveLength(10);
    expect(loss[9]).toBeLessThan(loss[0] * 0.7);
    expect(history.history.accuracy[9]).toBeGreaterThan(history.history.accuracy[0]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('Configure the layers: activations, initializers, regularizers', () => {
    const input = random([4, 8], 3);
    // Create a sigmoid layer:
    const l1 = new keras.layers.Dense(64, { activation: 'sigmoid' });
    // Or:
    const l2 = new keras.layers.Dense(64, { activation: tf.sigmoid });
    // A linear layer with L1 regularization of factor 0.01 applied to the kernel matrix:
    const l3 = new keras.layers.Dense(64, { kernelRegularizer: keras.regularizers.l1(0.01) });
    // A linear layer with L2 regularization of factor 0.01 applied to the bias vector:
    const l4 = new keras.layers.Dense(64, { biasRegularizer: keras.regularizers.l2(0.01) });
    // A linear layer with a kernel initialized to a random orthogonal matrix:
    const l5 = new keras.layers.Dense(64, { kernelInitializer: 'orthogonal' });
    // A linear layer with a bias vector initialized to 2.0s:
    const l6 = new keras.layers.Dense(64, { biasInitializer: new keras.initializers.Constant({ value: 2.0 }) });
    const outs = [l1, l2, l3, l4, l5, l6].map((l) => l.apply(input) as import('@keras-ts/tensor').Tensor);
    const sig = outs[0].dataSync();
    expect(Math.min(...sig)).toBeGreaterThan(0);
    expect(Math.max(...sig)).toBeLessThan(1);
    // L1 penalty = 0.01 * sum(|kernel|)
    const [pen] = l3.losses;
    const expected = tf.mul(0.01, tf.sum(tf.abs(l3.kernel)));
    expect(pen.dataSync()[0]).toBeCloseTo(expected.dataSync()[0], 5);
    // orthogonal kernel: K^T K = I (8x64 → rows orthonormal: K K^T = I)
    const kkt = tf.matMul(l5.kernel, l5.kernel, false, true);
    const eye = tf.eye(8);
    expect(tf.max(tf.abs(tf.sub(kkt, eye))).dataSync()[0]).toBeLessThan(1e-4);
    expect(Array.from(l6.bias!.dataSync()).every((v) => v === 2)).toBe(true);
    tf.dispose([input, ...outs, pen, expected, kkt, eye]);
    [l1, l2, l3, l4, l5, l6].forEach((l) => l.dispose());
  });
});

describe('guide: Train and evaluate (NumPy input)', () => {
  it('compile for regression (mse, mae) and classification (categorical_crossentropy)', async () => {
    const model = new keras.Sequential([
      new keras.layers.Dense(64, { activation: 'relu', inputShape: [32] }),
      new keras.layers.Dense(10),
    ]);
    // Configure a model for mean-squared error regression.
    model.compile({ optimizer: tf.train.AdamOptimizer(0.01), loss: 'mse', metrics: ['mae'] });
    const data = random([1000, 32], 5);
    const targets = tf.tidy(() => tf.matMul(data, tf.randomNormal([32, 10], 0, 0.3, 'float32', 6)));
    const h = await model.fit(data, targets, { epochs: 5, batchSize: 32, verbose: 0 });
    expect(h.history.mae[4]).toBeLessThan(h.history.mae[0]);
    // Configure a model for categorical classification.
    const clf = new keras.Sequential([
      new keras.layers.Dense(64, { activation: 'relu', inputShape: [32] }),
      new keras.layers.Dense(10, { activation: 'softmax' }),
    ]);
    clf.compile({ optimizer: tf.train.RMSPropOptimizer(0.01), loss: keras.losses.categoricalCrossentropy, metrics: [keras.metrics.categoricalAccuracy] });
    const { x, y } = learnable(1000, 32, 10, 7);
    const h2 = await clf.fit(x, y, { epochs: 5, batchSize: 32, verbose: 0 });
    expect(h2.history.loss[4]).toBeLessThan(h2.history.loss[0]);
    tf.dispose([data, targets, x, y]);
  });

  it('fit with validation_data, then evaluate and predict', async () => {
    const model = new keras.Sequential([
      new keras.layers.Dense(64, { activation: 'relu', inputShape: [32] }),
      new keras.layers.Dense(10, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: tf.train.AdamOptimizer(0.01), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x: data, y: labels } = learnable(1000, 32, 10, 11);
    const { x: valData, y: valLabels } = learnable(100, 32, 10, 12);
    model.trainOnBatch(tf.zeros([1, 32]), tf.zeros([1, 10])); // warm-up: the optimizer caches its constants
    const start = tf.memory().numTensors;
    const h = await model.fit(data, labels, { epochs: 10, batchSize: 32, validationData: [valData, valLabels], verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(h.history.val_accuracy[9]).toBeGreaterThan(0.5);
    const [loss, acc] = (await model.evaluate(data, labels, { batchSize: 32, verbose: 0 })) as number[];
    expect(loss).toBeLessThan(h.history.loss[0]);
    expect(acc).toBeGreaterThan(0.5);
    const result = model.predict(data, { batchSize: 32 }) as import('@keras-ts/tensor').Tensor;
    expect(result.shape).toEqual([1000, 10]);
    result.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([data, labels, valData, valLabels]);
  });
});
