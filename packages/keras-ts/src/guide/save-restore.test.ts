/**
 * The guide's "Callbacks" and "Save and restore" samples.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keras, tf } from '../index.js';
import type { Tensor } from '@keras-ts/tensor';
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

function sameOutputs(a: Tensor, b: Tensor): boolean {
  const x = a.dataSync();
  const y = b.dataSync();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('guide: Callbacks', () => {
  it('EarlyStopping(patience=2, monitor=val_loss) interrupts training; TensorBoard writes logs', async () => {
    const model = makeModel();
    const { x: data, y: labels } = learnable(200, 32, 10, 41);
    // Random validation targets: val_loss stops improving quickly.
    const valData = tf.randomUniform([100, 32], 0, 1, 'float32', 42);
    const valTargets = tf.oneHot(tf.randomUniform([100], 0, 10, 'int32', 43), 10);
    const logDir = join(mkdtempSync(join(tmpdir(), 'keras-ts-guide-tb-')), 'logs');
    const callbacks = [
      // Interrupt training if `val_loss` stops improving for over 2 epochs
      new keras.callbacks.EarlyStopping({ patience: 2, monitor: 'val_loss' }),
      // Write TensorBoard logs to `./logs` directory
      new keras.callbacks.TensorBoard({ logDir }),
    ];
    const h = await model.fit(data, labels, { batchSize: 32, epochs: 50, callbacks, validationData: [valData, valTargets], verbose: 0 });
    expect(h.epoch.length).toBeLessThan(50);
    const vl = h.history.val_loss;
    const best = Math.min(...vl);
    // stopped 2 epochs after the best epoch (patience)
    expect(vl.length - 1 - vl.indexOf(best)).toBe(2);
    expect(readdirSync(join(logDir, 'train'))[0]).toMatch(/^events\.out\.tfevents\./);
    expect(readdirSync(join(logDir, 'validation'))).toHaveLength(1);
    tf.dispose([data, labels, valData, valTargets]);
  });
});

describe('guide: Save and restore', () => {
  it('weights only: saveWeights to a TensorFlow checkpoint, loadWeights into the same architecture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-guide-'));
    const model = makeModel();
    const x = tf.randomUniform([4, 32]);
    const before = model.predict(x) as Tensor;
    // Save weights to a TensorFlow Checkpoint file
    await model.saveWeights(join(dir, 'my_model'));
    expect(existsSync(join(dir, 'my_model.index'))).toBe(true);
    expect(readdirSync(dir)).toContain('checkpoint');
    // Restore the model's state, this requires a model with the same architecture.
    const copy = makeModel();
    await copy.loadWeights(join(dir, 'my_model'));
    const after = copy.predict(x) as Tensor;
    expect(sameOutputs(before, after)).toBe(true);
    tf.dispose([x, before, after]);
  });

  it('weights only: saveWeights/loadWeights in HDF5 (.h5)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-guide-h5-'));
    const model = makeModel();
    const x = tf.randomUniform([4, 32]);
    const before = model.predict(x) as Tensor;
    // Save weights to a HDF5 file
    await model.saveWeights(join(dir, 'my_model.h5'));
    // Restore the model's state
    const copy = makeModel();
    await copy.loadWeights(join(dir, 'my_model.h5'));
    const after = copy.predict(x) as Tensor;
    expect(sameOutputs(before, after)).toBe(true);
    tf.dispose([x, before, after]);
  });

  it('entire model: save to HDF5 and recreate the exact same model, including weights and optimizer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-guide-model-'));
    // Create a trivial model
    const model = new keras.Sequential([
      new keras.layers.Dense(10, { activation: 'softmax', inputShape: [32] }),
      new keras.layers.Dense(10, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x: data, y: targets } = learnable(320, 32, 10, 51);
    await model.fit(data, targets, { batchSize: 32, epochs: 5, verbose: 0 });
    // Save entire model to a HDF5 file
    await model.save(join(dir, 'my_model.h5'));
    // Recreate the exact same model, including weights and optimizer.
    const loaded = await keras.models.loadModel(join(dir, 'my_model.h5'));
    const p1 = model.predict(data) as Tensor;
    const p2 = loaded.predict(data) as Tensor;
    expect(sameOutputs(p1, p2)).toBe(true);
    // Training resumes exactly where it stopped.
    await model.fit(data, targets, { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
    await loaded.fit(data, targets, { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
    const q1 = model.predict(data) as Tensor;
    const q2 = loaded.predict(data) as Tensor;
    expect(sameOutputs(q1, q2)).toBe(true);
    tf.dispose([data, targets, p1, p2, q1, q2]);
  });

  it('configuration only: JSON and YAML round trips give freshly initialized copies of the architecture', () => {
    const model = makeModel();
    // Serialize a model to JSON format
    const jsonString = model.toJson();
    // Recreate the model (freshly initialized)
    const freshModel = keras.models.modelFromJson(jsonString);
    // Serializes a model to YAML format
    const yamlString = model.toYaml();
    // Recreate the model
    const fresh2 = keras.models.modelFromYaml(yamlString);
    for (const m of [freshModel, fresh2]) {
      expect(m.layers.map((l) => (l.constructor as { className?: string }).className)).toEqual(['Dense', 'Dense']);
      expect(m.weights.map((w) => w.shape)).toEqual(model.weights.map((w) => w.shape));
    }
    expect(JSON.parse(jsonString).config.layers[1].config.activation).toBe('relu');
    expect(yamlString).toContain('class_name: Sequential');
  });
});
