/** 1,000 training steps: the live tensor count must end where it started, and resident memory stay flat. */
import { errorText, type Row, type Tf } from './harness.js';
import { data, MODELS, type ModelApi } from './models.js';

export async function leakSuite(tf: Tf, api: ModelApi, steps = 1000): Promise<Row[]> {
  const spec = { ...MODELS[0], batch: 16, samples: 16 * 100 };
  try {
    const model = api.mlp();
    const { x, y } = data(tf, spec, spec.samples);
    await model.fit(x, y, spec.batch);
    const tensors = tf.memory().numTensors;
    const rss = process.memoryUsage().rss;
    const t0 = performance.now();
    for (let i = 0; i < steps / 100; i++) await model.fit(x, y, spec.batch); // 100 steps per call
    const seconds = (performance.now() - t0) / 1000;
    const grew = (process.memoryUsage().rss - rss) / 2 ** 20;
    const leak = tf.memory().numTensors - tensors;
    tf.dispose([x, y]);
    return [{
      name: `leak ${steps} MLP steps b16`,
      unit: 'samples/s',
      value: (steps * spec.batch) / seconds,
      leak,
      note: `rss ${grew >= 0 ? '+' : ''}${grew.toFixed(1)} MiB`,
    }];
  } catch (e) {
    return [{ name: `leak ${steps} MLP steps`, unit: 'samples/s', value: null, note: `fails: ${errorText(e)}` }];
  }
}
