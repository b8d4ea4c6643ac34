/** The bench models built with stock tfjs-layers (`tf.sequential`, `tf.layers.*`). */
import type { BenchModel, ModelApi } from './models.js';

type Tfl = typeof import('@tensorflow/tfjs-layers');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function sequential(tfl: Tfl, layers: Any[], loss: string): BenchModel {
  const model = tfl.sequential({ layers });
  model.compile({ optimizer: 'adam', loss });
  return {
    async fit(x, y, batchSize) {
      await model.fit(x as Any, y as Any, { epochs: 1, batchSize, verbose: 0 });
    },
    predict(x, batchSize) {
      return model.predict(x as Any, { batchSize }) as Any;
    },
  };
}

export function tfjsLayersApi(tfl: Tfl): ModelApi {
  const L = tfl.layers;
  return {
    mlp: () =>
      sequential(tfl, [
        L.dense({ units: 256, activation: 'relu', inputShape: [784] }),
        L.dense({ units: 256, activation: 'relu' }),
        L.dense({ units: 10, activation: 'softmax' }),
      ], 'categoricalCrossentropy'),
    cnn: () =>
      sequential(tfl, [
        L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        L.maxPooling2d({ poolSize: 2 }),
        L.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.flatten(),
        L.dense({ units: 128, activation: 'relu' }),
        L.dense({ units: 10, activation: 'softmax' }),
      ], 'categoricalCrossentropy'),
    lstm: () =>
      sequential(tfl, [
        L.embedding({ inputDim: 5000, outputDim: 32, inputLength: 64 }),
        L.lstm({ units: 32 }),
        L.dense({ units: 1, activation: 'sigmoid' }),
      ], 'binaryCrossentropy'),
    gru: () =>
      sequential(tfl, [
        L.embedding({ inputDim: 5000, outputDim: 32, inputLength: 64 }),
        L.gru({ units: 32 }), // reset_after=false: tfjs-layers has no other
        L.dense({ units: 1, activation: 'sigmoid' }),
      ], 'binaryCrossentropy'),
  };
}
