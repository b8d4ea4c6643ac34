/**
 * Time of one optimizer step (`applyGradients`) on an MLP-sized variable set (784-128-64-10, 109,386
 * parameters), per optimizer: the minimum over 10 rounds of 50 steps, and the number of kernels one step runs. Run: `pnpm bench` in this package
 * (`KERAS_TS_BACKEND=cpu` for the cpu backend).
 */
import * as tf from '@keras-ts/tensor';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, Ftrl, Nadam, RMSprop, SGD, type Optimizer } from '../src/index.js';

await tf.ready();
if (process.env.KERAS_TS_BACKEND) await tf.setBackend(process.env.KERAS_TS_BACKEND);

const shapes = [[784, 128], [128], [128, 64], [64], [64, 10], [10]];
const makers: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD()],
  ['SGD momentum', () => new SGD({ momentum: 0.9 })],
  ['RMSprop', () => new RMSprop()],
  ['Adam', () => new Adam()],
  ['AdamW', () => new AdamW()],
  ['Adagrad', () => new Adagrad()],
  ['Adadelta', () => new Adadelta()],
  ['Adamax', () => new Adamax()],
  ['Nadam', () => new Nadam()],
  ['Ftrl', () => new Ftrl()],
  ['Adam clipnorm', () => new Adam({ clipnorm: 1 })],
];
const vars = shapes.map((s, i) => {
  const init = tf.randomNormal(s, 0, 0.1);
  const v = tf.makeVariable(init, { path: `dense_${i >> 1}/${i % 2 ? 'bias' : 'kernel'}` });
  init.dispose();
  return v;
});
const grads = shapes.map((s) => tf.randomNormal(s, 0, 0.01));
const pairs = grads.map((g, i) => [g, vars[i]!] as [tf.Tensor, tf.Variable]);
console.log(`backend ${tf.getBackend()}, ${vars.reduce((n, v) => n + v.size, 0)} parameters`);
for (const [label, make] of makers) {
  const opt = make();
  for (let i = 0; i < 10; i++) opt.applyGradients(pairs);
  vars[0]!.dataSync();
  let best = Infinity;
  for (let round = 0; round < 10; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) opt.applyGradients(pairs);
    vars[0]!.dataSync();
    best = Math.min(best, (performance.now() - t0) / 50);
  }
  const profile = await tf.profile(() => opt.applyGradients(pairs));
  console.log(`${label.padEnd(14)} ${best.toFixed(3)} ms/step, ${profile.kernels.length} kernels/step`);
  opt.dispose();
}
tf.dispose(grads);
vars.forEach((v) => tf.disposeVariable(v));
