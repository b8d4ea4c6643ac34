/**
 * With the real keras-ts Sequential and optimizers (devDependencies only): weights saved then loaded give
 * identical predictions; optimizer slots restored give an identical next training step; the format registers
 * with the models package, so `model.saveWeights('./my_model')` writes a TensorFlow checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { BatchNormalization, Bidirectional, Dense, LSTM, TimeDistributed } from '@keras-ts/layers';
import { registerWeightsFormat, registeredFormats, Sequential } from '@keras-ts/models';
import { Adam } from '@keras-ts/optimizers';
import { listVariables, loadModelCheckpoint, saveModelCheckpoint, tfCheckpointWeightsFormat } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'keras-ts-real-'));
beforeAll(async () => {
  await tf.ready();
  if (!registeredFormats().weights.includes('tf')) registerWeightsFormat(tfCheckpointWeightsFormat);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeModel() {
  const model = new Sequential([
    new LSTM(4, { inputShape: [3, 2], returnSequences: false }),
    new BatchNormalization(),
    new Dense(3, { activation: 'relu' }),
    new Dense(1),
  ]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
  return model;
}
const x = () => tf.randomNormal([8, 3, 2], 0, 1, 'float32', 5);
const y = () => tf.randomNormal([8, 1], 0, 1, 'float32', 6);

describe('real Sequential + Adam', () => {
  it('saveWeights("./my_model") writes tf.keras 2 keys; loadWeights gives identical predictions and an identical next step', async () => {
    const [xs, ys] = [x(), y()];
    const a = makeModel();
    a.trainOnBatch(xs, ys);
    a.trainOnBatch(xs, ys);
    const path = join(dir, 'my_model');
    await a.saveWeights(path);
    const names = listVariables(path).map(([n]) => n);
    expect(names).toContain('layer_with_weights-0/cell/kernel/.ATTRIBUTES/VARIABLE_VALUE');
    expect(names).toContain('layer_with_weights-0/cell/recurrent_kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE');
    expect(names).toContain('layer_with_weights-1/moving_variance/.ATTRIBUTES/VARIABLE_VALUE');
    expect(names).toContain('layer_with_weights-3/bias/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE');
    expect(names).toContain('optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE');

    const b = makeModel();
    b.trainOnBatch(xs, ys); // b's optimizer is built (its slots exist) but its state differs
    await b.loadWeights(path);
    const pa = a.predict(xs) as tf.Tensor;
    const pb = b.predict(xs) as tf.Tensor;
    expect(Array.from(pb.dataSync())).toEqual(Array.from(pa.dataSync()));
    const optA = a.optimizer as unknown as Adam;
    const optB = b.optimizer as unknown as Adam;
    expect(optB.iterations.dataSync()[0]).toBe(2);
    expect(optB.slots().map((s) => Array.from(s.slot.dataSync()))).toEqual(optA.slots().map((s) => Array.from(s.slot.dataSync())));

    const la = a.trainOnBatch(xs, ys);
    const lb = b.trainOnBatch(xs, ys);
    expect(lb).toBe(la);
    expect(b.getWeights().map((w) => Array.from((w as tf.Tensor).dataSync()))).toEqual(a.getWeights().map((w) => Array.from((w as tf.Tensor).dataSync())));
    tf.dispose([xs, ys, pa, pb]);
  });

  it('restores into a fresh compiled model whose optimizer has no slots yet', async () => {
    const [xs, ys] = [x(), y()];
    const a = makeModel();
    a.trainOnBatch(xs, ys);
    const prefix = join(dir, 'fresh');
    await saveModelCheckpoint(prefix, a);
    const b = makeModel();
    b.predict(xs); // builds the weights, not the optimizer
    const r = await loadModelCheckpoint(prefix, b);
    expect(r.unrestored).toEqual([]);
    const la = a.trainOnBatch(xs, ys);
    const lb = b.trainOnBatch(xs, ys);
    expect(lb).toBe(la);
    tf.dispose([xs, ys]);
  });

  it('names wrapped layers as tf.keras 2 does: forward_layer/backward_layer/cell, TimeDistributed layer', async () => {
    const model = new Sequential([
      new Bidirectional(new LSTM(2, { returnSequences: true }), { inputShape: [3, 2] }),
      new TimeDistributed(new Dense(1)),
    ]);
    const xs = tf.ones([1, 3, 2]);
    const out = model.predict(xs) as tf.Tensor;
    const prefix = join(dir, 'wrapped');
    await saveModelCheckpoint(prefix, model);
    const names = listVariables(prefix).map(([n]) => n.replace('/.ATTRIBUTES/VARIABLE_VALUE', ''));
    expect(names.sort()).toEqual(
      [
        '_CHECKPOINTABLE_OBJECT_GRAPH',
        ...['forward_layer', 'backward_layer'].flatMap((d) => ['kernel', 'recurrent_kernel', 'bias'].map((w) => `layer_with_weights-0/${d}/cell/${w}`)),
        'layer_with_weights-1/layer/kernel',
        'layer_with_weights-1/layer/bias',
      ].sort(),
    );
    const copy = new Sequential([
      new Bidirectional(new LSTM(2, { returnSequences: true }), { inputShape: [3, 2] }),
      new TimeDistributed(new Dense(1)),
    ]);
    const before = copy.predict(xs) as tf.Tensor;
    await loadModelCheckpoint(prefix, copy);
    const after = copy.predict(xs) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(out.dataSync()));
    expect(Array.from(before.dataSync())).not.toEqual(Array.from(out.dataSync()));
    tf.dispose([xs, out, before, after]);
  });
});
