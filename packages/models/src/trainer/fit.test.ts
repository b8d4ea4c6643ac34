import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense, Input } from '@keras-ts/layers';
import { LambdaCallback, ProgbarLogger } from '@keras-ts/callbacks';
import { Model, Sequential } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('fit', () => {
  it('trains a multi-output model with loss weights and per-output metrics, reporting Keras log names', async () => {
    const x = Input({ shape: [4], name: 'x' });
    const h = new Dense(8, { activation: 'relu' }).apply(x);
    const reg = new Dense(1, { name: 'reg' }).apply(h);
    const cls = new Dense(3, { activation: 'softmax', name: 'cls' }).apply(h);
    const model = new Model({ inputs: x, outputs: [reg, cls] });
    model.compile({ optimizer: 'adam', loss: { reg: 'mse', cls: 'categorical_crossentropy' }, lossWeights: { reg: 0.5, cls: 1 }, metrics: { cls: ['accuracy'] } });
    const data = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
    const yReg = tf.sum(data, -1, true);
    const yCls = tf.oneHot(tf.argMax(data, -1), 3);
    const h1 = await model.fit({ x: data }, { reg: yReg, cls: tf.cast(tf.slice(yCls, [0, 0], [64, 3]), 'float32') }, { epochs: 3, batchSize: 16, verbose: 0 });
    expect(Object.keys(h1.history).sort()).toEqual(['cls_accuracy', 'cls_loss', 'loss', 'reg_loss']);
    const { loss, reg_loss, cls_loss } = h1.history;
    // total = 0.5 * reg + 1 * cls (batch-size weighted means over the epoch agree up to float error)
    expect(loss[2]).toBeCloseTo(0.5 * reg_loss[2] + cls_loss[2], 4);
    tf.dispose([data, yReg, yCls]);
  });

  it('weights samples: zero-weight samples do not move the model', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor2d([[1], [1]]);
    const y = tf.tensor2d([[5], [5]]);
    await model.fit(x, y, { epochs: 1, batchSize: 2, sampleWeight: [0, 0], verbose: 0 });
    expect(Array.from((model.getWeights()[0] as tf.Tensor).dataSync())).toEqual([0]);
    await model.fit(x, y, { epochs: 1, batchSize: 2, sampleWeight: [1, 0], verbose: 0 });
    expect((model.getWeights()[0] as tf.Tensor).dataSync()[0]).not.toBe(0);
    tf.dispose([x, y]);
  });

  it('callbacks see epochs and can stop training; initialEpoch skips epochs', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([8, 1]);
    const seen: number[] = [];
    const stopper = new LambdaCallback({
      onEpochEnd: (epoch: number) => {
        seen.push(epoch);
        if (epoch === 3) model.stopTraining = true;
      },
    });
    const h = await model.fit(x, x, { epochs: 10, initialEpoch: 2, verbose: 0, callbacks: [stopper] });
    expect(seen).toEqual([2, 3]);
    expect(h.epoch).toEqual([2, 3]);
    x.dispose();
  });

  it('prints the Keras progress bar (verbose 1) and one line per epoch (verbose 2)', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const x = tf.ones([40, 1]);
    const out: string[] = [];
    const stream = { write: (s: string) => out.push(s), isTTY: true };
    const pb = new ProgbarLogger({ stream });
    // a user-supplied progress logger (here writing to a captured stream) replaces the default one
    await model.fit(x, x, { epochs: 2, batchSize: 10, verbose: 1, callbacks: [pb] });
    const text = out.join('');
    expect(text).toContain('Epoch 1/2');
    expect(text).toMatch(/4\/4 \[==============================\] - \d+s \d+(ms|us|s)\/step - loss: \d\.\d{4}(?:e[-+]\d{2})? - mae: \d\.\d{4}(?:e[-+]\d{2})?/);
    out.length = 0;
    await model.fit(x, x, { epochs: 2, batchSize: 10, verbose: 2, callbacks: [new ProgbarLogger({ stream })] });
    const lines = out.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(4); // "Epoch i/2" + one summary line per epoch
    expect(lines[1]).toMatch(/^4\/4 - \d+s - \d+(ms|us|s)\/step - loss: \d\.\d{4}(?:e[-+]\d{2})? - mae: \d\.\d{4}(?:e[-+]\d{2})?$/);
    x.dispose();
  });

  it('keeps the last partial batch', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([10, 1]);
    let batches = 0;
    await model.fit(x, x, { epochs: 1, batchSize: 4, verbose: 0, callbacks: [new LambdaCallback({ onTrainBatchEnd: () => void batches++ })] });
    expect(batches).toBe(3);
    x.dispose();
  });
});
