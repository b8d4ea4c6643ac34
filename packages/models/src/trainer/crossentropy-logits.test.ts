/**
 * A softmax classifier's crossentropy against real Keras (numbers from test-data/crossentropy_from_logits.py,
 * Keras 3.15.1 on TensorFlow 2.21): taken from the logits, a confidently wrong sample costs its logit gap (70),
 * not the clipped -log(1e-7) = 16.12, and the gradient is softmax - labels through the Dense layer.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense } from '@keras-ts/layers';
import { losses } from '@keras-ts/losses-metrics';
import { Sequential } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

const KERAS_EVALUATE = 37.8482551574707;
const KERAS_PER_SAMPLE = [70, 5.6965103];
const KERAS_GRAD_KERNEL = [-0.7508394122123718, 0.5016788244247437, 0.24916058778762817, -2.498321056365967, 2.9966423511505127, -0.49832117557525635];

function model(): Sequential {
  const m = new Sequential([new Dense(3, { inputShape: [2], activation: 'softmax' })]);
  m.setWeights([tf.tensor2d([[0, 30, 0], [0, 20, 0]]), tf.zeros([3])]);
  m.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
  return m;
}

describe('categorical crossentropy of a softmax model, as Keras computes it', () => {
  it('evaluate, per-sample losses and the kernel gradient match Keras', async () => {
    const m = model();
    const x = tf.tensor2d([[1, 2], [0.5, -1]]);
    const y = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    const start = tf.memory().numTensors;
    expect(await m.evaluate(x, y, { verbose: 0 })).toBeCloseTo(KERAS_EVALUATE, 4);
    const tape = new tf.GradientTape();
    const loss = tape.record(() => losses.categoricalCrossentropy(y, m.apply(x) as tf.Tensor));
    Array.from(loss.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(KERAS_PER_SAMPLE[i]!, 4));
    const dense = m.layers.find((l) => l instanceof Dense) as Dense;
    const [g] = tape.gradient(loss, [dense.kernel as unknown as tf.Variable]);
    Array.from(g!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(KERAS_GRAD_KERNEL[i]!, 5));
    tf.dispose([loss, g!]);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, y]);
    m.dispose();
  });
});
