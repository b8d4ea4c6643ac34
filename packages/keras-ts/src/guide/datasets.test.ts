/**
 * The guide's "Input tf.data datasets" and "Evaluate and predict" samples with datasets.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { keras, tf } from '../index.js';
import { learnable } from './helpers.js';

beforeAll(async () => {
  await tf.ready();
});

function makeModel() {
  const model = new keras.Sequential([
    new keras.layers.Dense(64, { activation: 'relu', inputShape: [32] }),
    new keras.layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: tf.train.AdamOptimizer(0.001), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

describe('guide: Input tf.data datasets', () => {
  it('fit on a repeated, batched dataset with stepsPerEpoch', async () => {
    const { x: data, y: labels } = learnable(1000, 32, 10, 31);
    const model = makeModel();
    // Instantiates a toy dataset instance:
    let dataset = tf.data.Dataset.fromTensorSlices([data, labels]);
    dataset = dataset.batch(32);
    dataset = dataset.repeat();
    // Don't forget to specify `stepsPerEpoch` when calling `fit` on a dataset.
    const h = await model.fit(dataset, { epochs: 10, stepsPerEpoch: 30, verbose: 0 });
    expect(h.history.loss).toHaveLength(10);
    expect(h.history.loss[9]).toBeLessThan(h.history.loss[0]);
    // An infinite dataset without stepsPerEpoch is a clear error.
    await expect(model.fit(dataset, { epochs: 1, verbose: 0 })).rejects.toThrow(/stepsPerEpoch/);
    tf.dispose([data, labels]);
  });

  it('validates on a dataset with validationSteps, then evaluates and predicts from datasets', async () => {
    const { x: data, y: labels } = learnable(1000, 32, 10, 32);
    const { x: valData, y: valLabels } = learnable(100, 32, 10, 33);
    const model = makeModel();
    const dataset = tf.data.Dataset.fromTensorSlices([data, labels]).batch(32).repeat();
    const valDataset = tf.data.Dataset.fromTensorSlices([valData, valLabels]).batch(32).repeat();
    const start = tf.memory().numTensors;
    const h = await model.fit(dataset, { epochs: 10, stepsPerEpoch: 30, validationData: valDataset, validationSteps: 3, verbose: 0 });
    expect(h.history.val_accuracy).toHaveLength(10);
    expect(h.history.val_loss[9]).toBeLessThan(h.history.val_loss[0]);
    const evalResult = (await model.evaluate(dataset, { steps: 30, verbose: 0 })) as number[];
    expect(evalResult).toHaveLength(2);
    const preds = (await model.predict(tf.data.Dataset.fromTensorSlices(data).batch(32), { steps: 30 })) as import('@keras-ts/tensor').Tensor;
    expect(preds.shape).toEqual([960, 10]);
    preds.dispose();
    // the first fit built the optimizer's constant cache (3 scalars); nothing else is left behind
    expect(tf.memory().numTensors - start).toBeLessThanOrEqual(3);
    tf.dispose([data, labels, valData, valLabels]);
  });

  it('a finite dataset runs to its end each epoch', async () => {
    const { x: data, y: labels } = learnable(100, 32, 10, 34);
    const model = makeModel();
    let batches = 0;
    const cb = new keras.callbacks.LambdaCallback({ onTrainBatchEnd: () => void batches++ });
    await model.fit(tf.data.Dataset.fromTensorSlices([data, labels]).batch(32), { epochs: 2, verbose: 0, callbacks: [cb] });
    expect(batches).toBe(8); // 4 batches (32, 32, 32, 4) per epoch
    tf.dispose([data, labels]);
  });

  it('frees what a pipeline buffered when fit/evaluate/predict stop early (steps)', async () => {
    const { x: data, y: labels } = learnable(256, 32, 10, 35);
    const model = makeModel();
    model.trainOnBatch(tf.zeros([1, 32]), tf.zeros([1, 10])); // warm-up: the optimizer caches its constants
    const ds = tf.data.Dataset.fromTensorSlices([data, labels]).shuffle(100, { seed: 1 }).batch(16).repeat();
    const start = tf.memory().numTensors;
    await model.fit(ds, { epochs: 2, stepsPerEpoch: 3, verbose: 0 });
    await model.evaluate(ds, { steps: 2, verbose: 0 });
    tf.dispose(await model.predict(tf.data.Dataset.fromTensorSlices(data).shuffle(50).batch(16), { steps: 2 }));
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([data, labels]);
  });
});
