/**
 * Where a training step's time goes: runs one bench model's `fit` under tfjs-core's profiler and prints the time
 * per kernel (summed over a fit of `samples` samples), next to the wall time, so the gap is time spent outside
 * kernels (tape, engine, JS).
 *   tsx src/profile.ts <mlp|cnn|lstm|gru> [backend=wasm] [fits=4]      (threads: KERAS_TS_WASM_THREADS)
 * With PROFILE_SHAPES=1 each kernel is split by its input shapes.
 */
import { MODELS, data } from './models.js';
import type { Tf } from './harness.js';

const [name = 'mlp', backend = 'wasm', fitsArg = '4'] = process.argv.slice(2);
const fits = Math.max(1, Number(fitsArg) || 1);
const spec = MODELS.find((m) => m.name === name);
if (!spec) throw new Error(`unknown model ${name}; expected one of ${MODELS.map((m) => m.name).join(', ')}`);

const { keras, tf } = await import('keras-ts');
const { kerasTsApi } = await import('./api-keras-ts.js');
await tf.setBackend(backend);
const model = kerasTsApi(keras)[spec.name]();
const { x, y } = data(tf as unknown as Tf, spec, spec.samples);
await model.fit(x, y, spec.batch);
await model.fit(x, y, spec.batch);

const fitAll = async () => {
  for (let i = 0; i < fits; i++) await model.fit(x, y, spec.batch);
};
const t0 = performance.now();
await fitAll();
const plain = performance.now() - t0;

const t1 = performance.now();
const info = await tf.profile(fitAll as never);
const profiled = performance.now() - t1;

const by = new Map<string, { ms: number; calls: number }>();
const byShapes = process.env.PROFILE_SHAPES === '1';
for (const k of info.kernels) {
  const key = byShapes ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
  const e = by.get(key) ?? { ms: 0, calls: 0 };
  e.ms += k.kernelTimeMs as number;
  e.calls++;
  by.set(key, e);
}
const steps = (fits * spec.samples) / spec.batch;
const total = [...by.values()].reduce((a, b) => a + b.ms, 0);
console.log(`${spec.title} on ${tf.getBackend()} — per step (batch ${spec.batch}), ${steps} steps`);
console.log(`wall ${(plain / steps).toFixed(2)} ms (${((fits * spec.samples / plain) * 1000).toFixed(0)} samples/s); profiled wall ${(profiled / steps).toFixed(2)} ms; kernels ${(total / steps).toFixed(2)} ms in ${(info.kernels.length / steps).toFixed(0)} calls`);
for (const [k, e] of [...by.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${k.padEnd(byShapes ? 60 : 28)} ${(e.ms / steps).toFixed(3).padStart(8)} ms  ${(e.calls / steps).toFixed(1).padStart(6)} calls`);
}
process.exit(0);
