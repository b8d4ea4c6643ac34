/** Masks propagate along a functional graph as in Keras: Embedding(mask_zero) → (Bi)LSTM ignores padded steps. */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Input, Embedding, LSTM, Bidirectional, Dense } from '@keras-ts/layers';
import { Model, modelFromJson } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('masks in functional models', () => {
  it('padded steps do not change the LSTM output; the model trains and round-trips through JSON', async () => {
    const ids = Input({ shape: [null], dtype: 'int32' });
    const emb = new Embedding(20, 6, { maskZero: true }).apply(ids);
    const seq = new Bidirectional(new LSTM(5, { returnSequences: true })).apply(emb);
    const last = new LSTM(4).apply(seq);
    const out = new Dense(1, { activation: 'sigmoid' }).apply(last);
    const model = new Model({ inputs: ids, outputs: out });
    const short = tf.tensor2d([[3, 7, 2]], undefined, 'int32');
    const padded = tf.tensor2d([[3, 7, 2, 0, 0, 0]], undefined, 'int32');
    const a = model.predict(short) as tf.Tensor;
    const b = model.predict(padded) as tf.Tensor;
    expect(Math.abs(a.dataSync()[0] - b.dataSync()[0])).toBeLessThan(1e-6);
    model.compile({ optimizer: 'adam', loss: 'binary_crossentropy' });
    const x = tf.tensor2d([[1, 2, 0, 0], [3, 4, 5, 0], [6, 7, 8, 9], [2, 0, 0, 0]], undefined, 'int32');
    const y = tf.tensor2d([[1], [0], [1], [0]]);
    const h = await model.fit(x, y, { epochs: 5, batchSize: 2, verbose: 0 });
    expect(h.history.loss[4]).toBeLessThan(h.history.loss[0]);
    const copy = modelFromJson(model.toJson());
    const w = model.getWeights();
    copy.setWeights(w);
    const c1 = model.predict(padded) as tf.Tensor;
    const c2 = copy.predict(padded) as tf.Tensor;
    expect(Array.from(c2.dataSync())).toEqual(Array.from(c1.dataSync()));
    tf.dispose([short, padded, a, b, x, y, c1, c2, ...w]);
  });
});
