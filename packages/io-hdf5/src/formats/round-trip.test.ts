/**
 * Save then load through the models registry (`model.save`, `loadModel`, `saveWeights`, `loadWeights`):
 * identical predictions and optimizer state for Sequential, functional (multi-input/output, shared layers)
 * and nested models, in `.h5` and `.keras`; resumed training equals uninterrupted training.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { BatchNormalization, Concatenate, Dense, Input } from '@keras-ts/layers';
import { Model, Sequential, loadModel } from '@keras-ts/models';
import { closeHdf5Engine } from '../h5/engine.js';
import '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'io-hdf5-rt-'));
const quiet = { warn: () => undefined };

beforeAll(async () => {
  await tf.ready();
});
afterAll(async () => {
  await closeHdf5Engine();
});

function data(n: number, dims: number[], seed: number): tf.Tensor {
  return tf.randomUniform([n, ...dims], -1, 1, 'float32', seed);
}

function values(ts: tf.Tensor | tf.Tensor[]): number[][] {
  return (Array.isArray(ts) ? ts : [ts]).map((t) => Array.from(t.dataSync()));
}

function weightsOf(model: Model): number[][] {
  return model.weights.map((w) => Array.from(w.dataSync()));
}

function optimizerState(model: Model): number[][] {
  return model.optimizer!.weightVariables().map((w) => Array.from(w.dataSync()));
}

function sequential(): Sequential {
  return new Sequential([new Dense(8, { activation: 'relu', inputShape: [5], name: 'hidden' }), new BatchNormalization({ name: 'bn' }), new Dense(3, { name: 'out' })]);
}

function functional(): Model {
  const a = Input({ shape: [4], name: 'in_a' });
  const b = Input({ shape: [4], name: 'in_b' });
  const shared = new Dense(6, { activation: 'tanh', name: 'shared' });
  const merged = new Concatenate({ name: 'concat' }).apply([shared.apply(a), shared.apply(b)]);
  const inner = new Sequential([new Dense(5, { inputShape: [12], activation: 'relu', name: 'inner_dense' }), new Dense(4, { name: 'inner_out' })], { name: 'inner' } as never);
  const out1 = new Dense(2, { name: 'out1' }).apply(inner.apply(merged));
  const out2 = new Dense(1, { name: 'out2' }).apply(merged);
  return new Model({ inputs: [a, b], outputs: [out1, out2], name: 'multi' });
}

describe.each(['h5', 'keras'])('model.save / loadModel (.%s)', (ext) => {
  it('Sequential: same predictions, optimizer state, and resumed training equals uninterrupted', async () => {
    const x = data(16, [5], 1);
    const y = data(16, [3], 2);
    const model = sequential();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
    const path = join(dir, `seq.${ext}`);
    await model.save(path);
    const loaded = await loadModel(path, quiet);
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(values(loaded.predict(x))).toEqual(values(model.predict(x)));
    expect(optimizerState(loaded)).toEqual(optimizerState(model));
    expect(Number(loaded.optimizer!.iterations.dataSync()[0])).toBe(4);
    await model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    await loaded.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    expect(weightsOf(loaded)).toEqual(weightsOf(model));
    expect(optimizerState(loaded)).toEqual(optimizerState(model));
    tf.dispose([x, y]);
    model.dispose();
    loaded.dispose();
  });

  it('functional with two inputs, two outputs, a shared layer and a nested model', async () => {
    const xa = data(6, [4], 3);
    const xb = data(6, [4], 4);
    const model = functional();
    model.compile({ optimizer: 'rmsprop', loss: ['mse', 'mae'] });
    await model.fit([xa, xb], [data(6, [2], 5), data(6, [1], 6)], { epochs: 1, batchSize: 6, shuffle: false, verbose: 0 });
    const path = join(dir, `multi.${ext}`);
    await model.save(path);
    const loaded = await loadModel(path, quiet);
    expect(values(loaded.predict([xa, xb]))).toEqual(values(model.predict([xa, xb])));
    expect(optimizerState(loaded)).toEqual(optimizerState(model));
    model.dispose();
    loaded.dispose();
  });
});

describe('saveWeights / loadWeights', () => {
  it.each(['w.h5', 'w.weights.h5'])('round-trips weights through %s', async (file) => {
    const model = functional();
    const other = functional();
    const path = join(dir, file);
    const start = tf.memory().numTensors;
    await model.saveWeights(path);
    await other.loadWeights(path);
    expect(tf.memory().numTensors).toBe(start);
    expect(weightsOf(other)).toEqual(weightsOf(model));
    model.dispose();
    other.dispose();
  });

  it('loads by name, and skips mismatched layers only with skipMismatch', async () => {
    const a = new Sequential([new Dense(4, { inputShape: [3], name: 'd1' }), new Dense(2, { name: 'd2' })]);
    const b = new Sequential([new Dense(4, { inputShape: [3], name: 'd1' }), new Dense(5, { name: 'd2' }), new Dense(1, { name: 'extra' })]);
    const path = join(dir, 'byname.h5');
    await a.saveWeights(path);
    await expect(b.loadWeights(path)).rejects.toThrow(/Layer count mismatch .* Model expected 3 layers, found 2 saved layers/);
    await expect(b.loadWeights(path, { byName: true })).rejects.toThrow(/Shape mismatch in layer #1 \(named d2\) for weight d2\/kernel:0. Weight expects shape \(4, 5\). Received saved weight with shape \(4, 2\)/);
    await expect(b.loadWeights(path, { skipMismatch: true })).rejects.toThrow(/skipMismatch can only be set to true when byName is true/);
    const warnings: string[] = [];
    await b.loadWeights(path, { byName: true, skipMismatch: true, warn: (m: string) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/Skipping loading weights for layer #1 \(named d2\)/);
    expect(Array.from(b.layers[0]!.weights[0]!.dataSync())).toEqual(Array.from(a.layers[0]!.weights[0]!.dataSync()));
    a.dispose();
    b.dispose();
  });
});
