/** The bench models built with the keras-ts API (`import { keras } from 'keras-ts'`). */
import type { BenchModel, ModelApi } from './models.js';

type Keras = typeof import('keras-ts')['keras'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function wrap(model: Any): BenchModel {
  model.compile({ optimizer: 'adam', loss: model.__loss });
  return {
    async fit(x, y, batchSize) {
      await model.fit(x, y, { epochs: 1, batchSize, verbose: 0 });
    },
    predict(x, batchSize) {
      return model.predict(x, { batchSize });
    },
  };
}

function sequential(keras: Keras, layers: Any[], loss: string): BenchModel {
  const model: Any = new (keras as Any).Sequential(layers);
  model.__loss = loss;
  return wrap(model);
}

export function kerasTsApi(keras: Keras): ModelApi {
  const L: Any = (keras as Any).layers;
  return {
    mlp: () =>
      sequential(keras, [
        new L.Dense(256, { activation: 'relu', inputShape: [784] }),
        new L.Dense(256, { activation: 'relu' }),
        new L.Dense(10, { activation: 'softmax' }),
      ], 'categorical_crossentropy'),
    cnn: () =>
      sequential(keras, [
        new L.Conv2D(32, 3, { activation: 'relu', inputShape: [28, 28, 1] }),
        new L.MaxPooling2D(2),
        new L.Conv2D(64, 3, { activation: 'relu' }),
        new L.MaxPooling2D(2),
        new L.Flatten(),
        new L.Dense(128, { activation: 'relu' }),
        new L.Dense(10, { activation: 'softmax' }),
      ], 'categorical_crossentropy'),
    lstm: () =>
      sequential(keras, [
        new L.Embedding(5000, 32, { inputLength: 64 }),
        new L.LSTM(32),
        new L.Dense(1, { activation: 'sigmoid' }),
      ], 'binary_crossentropy'),
    gru: () =>
      sequential(keras, [
        new L.Embedding(5000, 32, { inputLength: 64 }),
        new L.GRU(32),
        new L.Dense(1, { activation: 'sigmoid' }),
      ], 'binary_crossentropy'),
  };
}
