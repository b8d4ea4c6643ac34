/**
 * The main example: build, train (with the Keras progress bar) and evaluate a classifier, the way the
 * tf.keras guide does it.   Run: pnpm example
 */
import { keras, tf } from 'keras-ts';
import { makeBlobs } from './data.js';

const backend = await tf.ready();
console.log(`keras-ts on backend: ${backend}`);

const train = makeBlobs(4000, { seed: 1 });
const test = makeBlobs(1000, { seed: 1 + 100 });

const model = new keras.Sequential([
  new keras.layers.Dense(64, { activation: 'relu', inputShape: [32] }),
  new keras.layers.Dense(64, { activation: 'relu' }),
  new keras.layers.Dense(10, { activation: 'softmax' }),
]);
model.summary();
model.compile({
  optimizer: new keras.optimizers.Adam({ learningRate: 1e-3 }),
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
});

await model.fit(train.x, train.y, { epochs: 5, batchSize: 32, validationSplit: 0.1 });
const [loss, accuracy] = (await model.evaluate(test.x, test.y, { batchSize: 128 })) as number[];
console.log(`test loss ${loss.toFixed(4)}, test accuracy ${accuracy.toFixed(4)}`);
tf.dispose([train.x, train.y, test.x, test.y]);
if (!(accuracy > 0.8)) {
  console.error('The example model did not learn (accuracy <= 0.8).');
  process.exit(1);
}
