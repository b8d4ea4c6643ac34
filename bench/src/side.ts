/**
 * One bench side in its own process: `ours` (keras-ts, our kernels) or `stock` (tfjs-core + tfjs-layers with
 * tfjs's own kernels). tfjs-core keeps one kernel registry per process, so the two never share a process.
 *   tsx src/side.ts <ours|stock> <wasm|cpu> <suites: kernels,models,leak> [models: mlp,cnn,lstm,gru]
 */
import { emit, errorText, type Row, type Tf } from './harness.js';
import { kernelSuite } from './kernels.js';
import { modelSuite, type ModelApi, type ModelSpec } from './models.js';
import { leakSuite } from './leak.js';

const [side, backend = 'wasm', suitesArg = 'kernels,models', onlyArg] = process.argv.slice(2);
const suites = suitesArg.split(',');
const only = onlyArg ? (onlyArg.split(',') as Array<ModelSpec['name']>) : undefined;
const minSeconds = Number(process.env.BENCH_MIN_SECONDS ?? 2);

async function load(): Promise<{ tf: Tf; api: ModelApi; threads: number }> {
  if (side === 'ours') {
    const { keras, tf } = await import('keras-ts');
    const { kerasTsApi } = await import('./api-keras-ts.js');
    await tf.setBackend(backend);
    const kernels = (await import('@keras-ts/tensor')) as unknown as { getThreadsCount?: () => number };
    return { tf: tf as unknown as Tf, api: kerasTsApi(keras), threads: kernels.getThreadsCount?.() ?? 1 };
  }
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  // tfjs-core's Node bundle leaves out its gradients; this is tfjs-core's own gradient code, bundled as is.
  await import('../../packages/tensor/src/generated/register-gradients.js' as string);
  const { installChainedOps } = await import('./chained-ops.js');
  installChainedOps(tf as unknown as Tf);
  const tfl = await import('@tensorflow/tfjs-layers');
  const { tfjsLayersApi } = await import('./api-tfjs-layers.js');
  await tf.setBackend(backend);
  return { tf: tf as unknown as Tf, api: tfjsLayersApi(tfl), threads: 1 };
}

const rows: Row[] = [];
let threads = 1;
try {
  const loaded = await load();
  threads = loaded.threads;
  if (suites.includes('kernels')) rows.push(...(await kernelSuite(loaded.tf, { minSeconds: minSeconds * 0.75, convs: backend === 'wasm' })));
  if (suites.includes('models')) rows.push(...(await modelSuite(loaded.tf, loaded.api, {
    minSeconds: minSeconds * 1.5,
    only,
    predict: process.env.BENCH_PREDICT !== '0',
    batch: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined,
  })));
  if (suites.includes('leak')) rows.push(...(await leakSuite(loaded.tf, loaded.api)));
  emit({ side, backend, threads, rows });
} catch (e) {
  emit({ side, backend, threads, rows, error: errorText(e) });
}
process.exit(0);
