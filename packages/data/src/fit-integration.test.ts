/**
 * The guide's dataset snippets through @keras-ts/models (a devDependency: models never imports data):
 * fit on `fromTensorSlices((data, labels)).batch(32).repeat()` with stepsPerEpoch, validation from a dataset,
 * evaluate/predict with steps, and the finite/infinite rules.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense } from '@keras-ts/layers';
import { Sequential } from '@keras-ts/models';
import { Dataset } from './index.js';

let start = 0;
beforeAll(async () => {
  await tf.ready();
});
beforeEach(() => {
  start = tf.memory().numTensors;
});

/** A learnable toy problem shaped like the guide's: 32 features, 10 one-hot classes. */
function toyData(n: number, seed: number): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const data = tf.randomUniform([n, 32], 0, 1, 'float32', seed);
    const w = tf.randomNormal([32, 10], 0, 1, 'float32', 99);
    const labels = tf.oneHot(tf.argMax(tf.matMul(data, w), 1), 10);
    return [data, tf.cast(labels, 'float32')];
  });
}

function guideModel(): Sequential {
  const model = new Sequential([new Dense(64, { activation: 'relu', inputShape: [32] }), new Dense(10, { activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

describe('guide: Input tf.data datasets', () => {
  let model: Sequential;
  let data: tf.Tensor;
  let labels: tf.Tensor;
  let valData: tf.Tensor;
  let valLabels: tf.Tensor;

  beforeAll(() => {
    [data, labels] = toyData(1000, 1);
    [valData, valLabels] = toyData(100, 2);
  });

  afterEach(() => {
    model?.dispose?.();
  });

  it('fit(dataset.batch(32).repeat(), {epochs: 10, stepsPerEpoch: 30}) trains', async () => {
    model = guideModel();
    let dataset = Dataset.fromTensorSlices([data, labels]);
    dataset = dataset.batch(32);
    dataset = dataset.repeat();
    const history = await model.fit(dataset, { epochs: 10, stepsPerEpoch: 30, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss).toHaveLength(10);
    expect(loss[9]!).toBeLessThan(loss[0]! * 0.8);
    const acc = history.history.accuracy as number[];
    expect(acc[9]!).toBeGreaterThan(acc[0]!);
    // The pipeline leaks nothing per step: more training leaves the tensor count unchanged.
    const after = tf.memory().numTensors;
    await model.fit(dataset, { epochs: 1, stepsPerEpoch: 10, verbose: 0 });
    expect(tf.memory().numTensors).toBe(after);
  }, 120_000);

  it('validation from a dataset with validationSteps', async () => {
    model = guideModel();
    const dataset = Dataset.fromTensorSlices([data, labels]).batch(32).repeat();
    const valDataset = Dataset.fromTensorSlices([valData, valLabels]).batch(32).repeat();
    const history = await model.fit(dataset, { epochs: 2, stepsPerEpoch: 30, validationData: valDataset, validationSteps: 3, verbose: 0 });
    expect(history.history.val_loss).toHaveLength(2);
    expect(history.history.val_accuracy).toHaveLength(2);
    const v = history.history.val_loss as number[];
    expect(v[1]!).toBeLessThan(v[0]!);
  }, 120_000);

  it('evaluate(dataset, {steps: 30}) and predict(dataset, {steps: 30})', async () => {
    model = guideModel();
    const dataset = Dataset.fromTensorSlices([data, labels]).batch(32).repeat();
    const result = (await model.evaluate(dataset, { steps: 30, verbose: 0 })) as number[];
    expect(result).toHaveLength(2);
    expect(Number.isFinite(result[0]!)).toBe(true);
    const preds = (await model.predict(Dataset.fromTensorSlices(data).batch(32).repeat(), { steps: 30, verbose: 0 })) as tf.Tensor;
    expect(preds.shape).toEqual([30 * 32, 10]);
    preds.dispose();
  }, 120_000);

  it('a finite dataset runs to its end each epoch; an infinite one needs stepsPerEpoch', async () => {
    model = guideModel();
    let batches = 0;
    const finite = Dataset.fromTensorSlices([data, labels])
      .batch(100)
      .map((el) => {
        batches++;
        return el;
      });
    expect(finite.cardinality()).toBe(10);
    await model.fit(finite, { epochs: 2, verbose: 0 });
    expect(batches).toBe(20);
    const infinite = Dataset.fromTensorSlices([data, labels]).batch(32).repeat();
    await expect(model.fit(infinite, { epochs: 1, verbose: 0 })).rejects.toThrow(/infinitely repeating dataset.*stepsPerEpoch/);
  }, 120_000);

  it('trains from a shuffled, mapped, prefetched pipeline with dict features', async () => {
    model = guideModel();
    const ds = Dataset.fromTensorSlices({ x: data, y: labels })
      .shuffle(1000, { seed: 1 })
      .map(({ x, y }: any) => [tf.mul(x, 1), y])
      .batch(50, { dropRemainder: true })
      .prefetch(2);
    const history = await model.fit(ds, { epochs: 2, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[1]!).toBeLessThan(loss[0]!);
  }, 120_000);

  afterEach(() => {
    // Only the fixtures created in beforeAll (and model weights, disposed above) may remain.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(start + 1000);
  });
});
