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
}));
