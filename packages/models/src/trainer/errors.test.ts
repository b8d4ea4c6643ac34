/** Bad input gets clear, typed errors naming the layer and the shapes. */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense, Input } from '@keras-ts/layers';
import { Model, Sequential } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('trainer and model errors', () => {
  it('wrong input shape for a built layer names the layer and shapes', () => {
    const model = new Sequential([new Dense(4, { inputShape: [3], name: 'dense_in' })]);
    const x = tf.ones([2, 5]);
    expect(() => model.predict(x)).toThrow(tf.ShapeError);
    expect(() => model.predict(x)).toThrow(/Input 0 of layer "dense_in" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape \(2, 5\)/);
    x.dispose();
  });

  it('unknown loss, optimizer and activation names are NotFoundErrors naming them', () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    expect(() => model.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(tf.NotFoundError);
    expect(() => model.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/adamm/);
    expect(() => model.compile({ optimizer: 'adam', loss: 'msee' })).toThrow(/msee/);
    expect(() => new Dense(2, { activation: 'relux' })).toThrow(/Unknown activation function: 'relux'/);
  });

  it('fit with mismatched x/y lengths says so, with the sizes', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([10, 2]);
    const y = tf.ones([9, 1]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/Data cardinality is ambiguous[\s\S]*'x' sizes: 10[\s\S]*'y' sizes: 9/);
    tf.dispose([x, y]);
  });

  it('fit before compile, and predict on a model that cannot be built, fail clearly', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    const x = tf.ones([2, 2]);
    await expect(model.fit(x, x, { verbose: 0 })).rejects.toThrow(/compile\(\)/);
    const empty = new Sequential();
    expect(() => empty.predict(x)).toThrow(/has no layers/);
    class NoCall extends Model {}
    expect(() => new NoCall().predict(x)).toThrow(/must implement call/);
    x.dispose();
  });

  it('wrong number of inputs for a functional model names the expected inputs', () => {
    const a = Input({ shape: [2], name: 'a' });
    const b = Input({ shape: [2], name: 'b' });
    const m = new Model({ inputs: [a, b], outputs: new Dense(1).apply(a) });
    const x = tf.ones([1, 2]);
    expect(() => m.predict(x)).toThrow(/expects 2 input\(s\) \(a, b\), but it received 1/);
    x.dispose();
  });

  it('non-positive units and bad rates fail at construction', () => {
    expect(() => new Dense(0)).toThrow(/expected a positive integer. Received: units=0/);
  });

  it('leaves no tensors behind after fit, evaluate and predict (after the optimizer state exists)', async () => {
    const model = new Sequential([new Dense(8, { activation: 'relu', inputShape: [4] }), new Dense(2, { activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.randomNormal([50, 4]);
    const y = tf.oneHot(tf.randomUniform([50], 0, 2, 'int32'), 2);
    model.trainOnBatch(x, y);
    const start = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, validationSplit: 0.2, classWeight: { 0: 1, 1: 2 } });
    await model.evaluate(x, y, { verbose: 0 });
    tf.dispose(model.predict(x));
    model.trainOnBatch(x, y);
    model.testOnBatch(x, y);
    tf.dispose(model.predictOnBatch(x));
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, y]);
  });
});
