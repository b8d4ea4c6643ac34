// Run by threads.test.ts in a child process: starts the wasm backend and prints, as JSON, its thread count,
// the threads of our kernel pool, and the largest relative error of products and a max-pooling gradient split
// across that pool.
import * as tf from '../index.js';
import { getThreadsCount, threadsFailure } from './threads.js';
import { kernelPool } from './wasm/pool.js';
import type { WasmBackend } from './wasm/heap.js';
import { maxRelError, randomInput, runKernelOn } from './testing.js';
import { smallOpsStats } from './wasm/small-ops.js';

await tf.ready();
const sum = tf.tidy(() => tf.sum(tf.matMul(tf.ones([64, 32]), tf.ones([32, 1]))).dataSync()[0]);
const pool = kernelPool(tf.engine().backend as unknown as WasmBackend);
let poolError = 0;
for (const [m, k, n, tA, tB] of [[150, 300, 100, false, false], [203, 129, 250, true, false], [61, 700, 130, false, true]] as const) {
  const a = randomInput(tA ? [k, m] : [m, k], m);
  const b = randomInput(tB ? [n, k] : [k, n], n);
  const attrs = { transposeA: tA, transposeB: tB };
  const ours = await runKernelOn('wasm', 'BatchMatMul', { a, b }, attrs);
  const ref = await runKernelOn('cpu', 'BatchMatMul', { a, b }, attrs);
  poolError = Math.max(poolError, maxRelError(ours.values, ref.values));
}
{
  // A max-pooling gradient large enough to be split by output rows.
  const x = randomInput([8, 28, 28, 32], 1), dy = randomInput([8, 14, 14, 32], 2);
  const inputs = { dy, input: x, output: dy };
  const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
  const ours = await runKernelOn('wasm', 'MaxPoolGrad', inputs, attrs);
  const ref = await runKernelOn('cpu', 'MaxPoolGrad', inputs, attrs);
  poolError = Math.max(poolError, maxRelError(ours.values, ref.values));
}
// Small ops kept off XNNPack's pool (small-ops.ts), against the cpu kernels: broadcasts of every kind.
let smallError = 0;
const smallBefore = smallOpsStats.ran;
for (const [sa, sb] of [[[128, 10], [128, 1]], [[1], [128]], [[3, 1, 5], [4, 1]], [[], [7, 3]], [[2, 3], [3]]] as const) {
  for (const op of ['Add', 'Sub', 'Multiply', 'RealDiv']) {
    const a = randomInput([...sa], 3), b = randomInput([...sb], 4);
    const ours = await runKernelOn('wasm', op, { a, b });
    const ref = await runKernelOn('cpu', op, { a, b });
    smallError = Math.max(smallError, maxRelError(ours.values, ref.values));
  }
}
{
  const logits = randomInput([64, 10], 5);
  const ours = await runKernelOn('wasm', 'Softmax', { logits }, { dim: -1 });
  const ref = await runKernelOn('cpu', 'Softmax', { logits }, { dim: -1 });
  smallError = Math.max(smallError, maxRelError(ours.values, ref.values));
  for (const op of ['Neg', 'Sigmoid']) {
    const x = randomInput([33, 7], 6);
    const o = await runKernelOn('wasm', op, { x });
    const r = await runKernelOn('cpu', op, { x });
    smallError = Math.max(smallError, maxRelError(o.values, r.values));
  }
}
const smallRan = smallOpsStats.ran - smallBefore;
await tf.setBackend('wasm');
// Whole LSTM and GRU sequences split by batch rows across the pool (one job each way), against the same
// recurrences stepped in single ops: the LSTM (also masked) to the bit, the GRU (summed in another order) to
// rounding.
const seqJobsBefore = pool?.jobsRun ?? 0;
const [lstmMatch, gruError] = tf.tidy(() => {
  const [batch, steps, units] = [18, 6, 5];
  const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 7);
  const c0 = tf.randomNormal([batch, units], 0, 1, 'float32', 8);
  const x4 = tf.randomNormal([batch, steps, 4 * units], 0, 1, 'float32', 9);
  const u4 = tf.randomNormal([units, 4 * units], 0, 0.5, 'float32', 10);
  const xs4 = tf.unstack(x4, 1);
  let h = h0, c = c0;
  for (let t = 0; t < steps; t++) ({ h, c } = tf.lstmCell(tf.add(xs4[t]!, tf.matMul(h, u4)), c)!);
  const fusedLstm = tf.lstmSequence(x4, u4, h0, c0)!;
  const same = (p: tf.Tensor, q: tf.Tensor) => Array.from(p.dataSync()).every((v, i) => v === q.dataSync()[i]);
  // And with a mask (every third step of each row masked, from a different step per row): states carry over.
  const mask = tf.tensor2d(Array.from({ length: batch * steps }, (_, i) => ((i % steps) + Math.floor(i / steps)) % 3 === 0 ? 0 : 1), [batch, steps], 'bool');
  const ms = tf.unstack(tf.reshape(mask, [batch, steps, 1]), 1);
  let hm = h0, cm = c0;
  for (let t = 0; t < steps; t++) {
    const r = tf.lstmCell(tf.add(xs4[t]!, tf.matMul(hm, u4)), cm)!;
    hm = tf.where(tf.broadcastTo(ms[t]!, hm.shape), r.h, hm);
    cm = tf.where(tf.broadcastTo(ms[t]!, cm.shape), r.c, cm);
  }
  const maskedLstm = tf.lstmSequence(x4, u4, h0, c0, false, mask)!;
  const lstmSame = same(fusedLstm.h, h) && same(fusedLstm.c, c) && same(maskedLstm.h, hm) && same(maskedLstm.c, cm);
  // A GRU loss's gradients through the fused op and through stepped ops.
  const x3 = tf.randomNormal([batch, steps, 3 * units], 0, 1, 'float32', 11);
  const u3 = tf.randomNormal([units, 3 * units], 0, 0.5, 'float32', 12);
  const rb = tf.randomNormal([3 * units], 0, 0.5, 'float32', 13);
  const stepped = (xa: tf.Tensor, ua: tf.Tensor, ba: tf.Tensor) => {
    let g = h0;
    for (const xt of tf.unstack(xa, 1)) {
      const [xZ, xR, xH] = tf.split(xt, 3, 1);
      const [iZ, iR, iH] = tf.split(tf.add(tf.matMul(g, ua), ba), 3, 1);
      const z = tf.sigmoid(tf.add(xZ!, iZ!)), r = tf.sigmoid(tf.add(xR!, iR!));
      const hh = tf.tanh(tf.add(xH!, tf.mul(r, iH!)));
      g = tf.add(hh, tf.mul(z, tf.sub(g, hh)));
    }
    return tf.sum(tf.mul(g, g));
  };
  const fused = (xa: tf.Tensor, ua: tf.Tensor, ba: tf.Tensor) => {
    const r = tf.gruSequence(xa, ua, ba, h0)!;
    return tf.sum(tf.mul(r.h, r.h));
  };
  const gRef = tf.grads(stepped)([x3, u3, rb]), gGot = tf.grads(fused)([x3, u3, rb]);
  const err = Math.max(...gRef.map((g, i) => tf.max(tf.abs(tf.sub(g, gGot[i]!))).dataSync()[0]!));
  return [lstmSame, err];
});
const seqJobs = (pool?.jobsRun ?? 0) - seqJobsBefore;
// A job that traps (addresses far outside the heap) must fail with an error, not hang or crash, and leave the
// pool working.
let trapError: string | null = null;
try {
  pool?.run('gemm', [2 ** 31, 2 ** 31, 2 ** 31, 600, 64, 64, 64, 1, 64, 0, 0], 600, 300);
} catch (e) {
  trapError = (e as Error).message;
}
const afterTrap = tf.tidy(() => tf.sum(tf.matMul(tf.ones([300, 200]), tf.ones([200, 100]))).dataSync()[0]);
const jobsBeforeDispose = pool?.jobsRun ?? 0;
const backend = tf.getBackend(), threads = getThreadsCount(), failure = threadsFailure(), poolThreads = pool?.threads ?? 1;
tf.removeBackend('wasm'); // disposes the backend, which closes the pool
console.log(JSON.stringify({
  backend, threads, failure, sum,
  poolThreads, poolClosed: pool !== null && pool.threads === 1, poolJobs: jobsBeforeDispose, poolError, trapError, afterTrap, smallError, smallRan,
  lstmMatch, gruError, seqJobs,
}));
