/**
 * Why threads help a single product more than a training step, on this machine: prints (1) how long waking a
 * sleeping worker thread takes (Atomics.notify -> the worker answers), and (2) a product with a new right
 * operand (training-like) run back to back, after a busy gap (the pool's worker has gone to sleep), and right
 * after an XNNPack op (XNNPack's own worker then spins on the core our pool's worker needs).
 *   KERAS_TS_WASM_THREADS=<1|2> tsx src/threads-probe.ts
 * With `ceiling`, instead measures what two cores give at best: the same single-threaded product in one process
 * alone, then in two processes at once (no pool, no shared memory: the cores themselves, their caches and the
 * memory bus). Their sum over the lone rate bounds any 2-thread gain of the products.
 *   tsx src/threads-probe.ts ceiling
 */
import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';

const mode = process.argv[2];
if (mode === 'loop' || mode === 'ceiling') {
  if (mode === 'loop') {
    const { tf } = await import('keras-ts');
    await tf.setBackend('wasm');
    const a = tf.randomNormal([128, 784]), b = tf.randomNormal([784, 256]), zero = tf.scalar(0);
    const run = (ms: number) => {
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < ms) {
        const fresh = tf.add(b, zero);
        tf.dispose([tf.matMul(a, fresh), fresh]);
        n++;
      }
      return (n * 2 * 128 * 784 * 256) / ((performance.now() - t0) / 1000) / 1e9;
    };
    run(500);
    console.log(run(Number(process.argv[3] ?? 5000)).toFixed(2));
  } else {
    const loop = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'loop', '5000'], {
          env: { ...process.env, KERAS_TS_WASM_THREADS: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim().split('\n').pop())) : reject(new Error(`loop exited ${code}`))));
      });
    for (let round = 1; round <= 2; round++) {
      const alone = await loop();
      const [p, q] = await Promise.all([loop(), loop()]);
      console.log(
        `round ${round}: 128x784x256 fresh, 1 thread: alone ${alone.toFixed(1)} GFLOP/s; two processes at once ` +
          `${p.toFixed(1)} + ${q.toFixed(1)} GFLOP/s = ${((p + q) / alone).toFixed(2)}x the lone rate`,
      );
    }
  }
  process.exit(0);
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const busy = (ms: number) => {
  const t = performance.now();
  while (performance.now() - t < ms);
};

async function wakeLatencyUs(): Promise<number[]> {
  const I = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(
    `const { workerData } = require('node:worker_threads'); const I = new Int32Array(workerData);
     for (;;) { const v = Atomics.load(I, 0); Atomics.wait(I, 0, v); Atomics.store(I, 1, Atomics.load(I, 0)); }`,
    { eval: true, workerData: I.buffer },
  );
  await new Promise((r) => setTimeout(r, 200));
  const lat: number[] = [];
  for (let i = 1; i <= 300; i++) {
    busy(1); // the worker is asleep again
    const t = performance.now();
    Atomics.store(I, 0, i);
    Atomics.notify(I, 0);
    while (Atomics.load(I, 1) !== i);
    lat.push((performance.now() - t) * 1000);
  }
  await w.terminate();
  lat.sort((a, b) => a - b);
  return [lat[150]!, lat[270]!, lat[299]!];
}

const [p50, p90, max] = await wakeLatencyUs();
console.log(`waking a sleeping worker: median ${p50.toFixed(0)} us, p90 ${p90.toFixed(0)} us, max ${max.toFixed(0)} us`);

const { tf } = await import('keras-ts');
await tf.setBackend('wasm');
const a = tf.randomNormal([128, 784]), b = tf.randomNormal([784, 256]), zero = tf.scalar(0);
const big = tf.randomNormal([200_000]);
const threads = process.env.KERAS_TS_WASM_THREADS ?? 'default';
const cases: Array<[string, () => void]> = [
  ['back to back', () => {}],
  ['1 ms busy gap before each', () => busy(1)],
  ['an XNNPack op (add of 200k floats) before each', () => tf.dispose(tf.add(big, zero))],
];
for (const [what, before] of cases) {
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const fresh = tf.add(b, zero);
    before();
    const t = performance.now();
    const c = tf.matMul(a, fresh);
    times.push(performance.now() - t);
    tf.dispose([c, fresh]);
  }
  const ms = median(times.slice(20));
  console.log(`threads ${threads}: 128x784x256 with a new right operand, ${what}: ${(ms * 1000).toFixed(0)} us ` +
    `(${((2 * 128 * 784 * 256) / ms / 1e6).toFixed(1)} GFLOP/s)`);
}
tf.dispose([a, b, zero, big]);
process.exit(0);
