/**
 * Per-call cost of losses and metric updates on the wasm and cpu backends: `pnpm --filter
 * @keras-ts/losses-metrics bench` (or `npx tsx bench/update.ts` in this folder). Times are wall-clock means.
 */
import * as tf from '@keras-ts/tensor';
import { losses, metrics } from '../src/index.js';

async function main() {
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    const B = 128, C = 10;
    const yt = tf.cast(tf.oneHot(tf.randomUniform([B], 0, C, 'int32'), C), 'float32');
    const labels = tf.argMax(yt, -1);
    const yp = tf.softmax(tf.randomNormal([B, C]));
    const bt = tf.cast(tf.greater(tf.randomUniform([B, 1]), 0.5), 'float32');
    const bp = tf.randomUniform([B, 1]);
    const x = tf.randomUniform([B, C]);
    const time = (name: string, f: () => void, n = 40) => {
      for (let i = 0; i < 5; i++) f();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f();
      const ms = (performance.now() - t0) / n;
      console.log(`${backend} ${name}: ${(ms * 1000).toFixed(0)} us/call`);
    };
    time('one tf.add [128,10] (machine-load yardstick)', () => tf.add(x, x).dispose());
    const cce = new losses.CategoricalCrossentropy();
    time('CategoricalCrossentropy.apply [128,10]', () => cce.apply(yt, yp).dispose());
    const ms: [string, metrics.Metric, tf.Tensor, tf.Tensor][] = [
      ['CategoricalAccuracy.updateState [128,10]', new metrics.CategoricalAccuracy(), yt, yp],
      ['AUC(200).updateState [128,1]', new metrics.AUC(), bt, bp],
      ['AUC(200,multi_label).updateState [128,10]', new metrics.AUC({ multiLabel: true }), yt, yp],
      ['Precision.updateState [128,1]', new metrics.Precision(), bt, bp],
    ];
    for (const [name, m, a, b] of ms) time(name, () => m.updateState(a, b));
    const auc = ms[1][1];
    time('AUC(200).result', () => auc.result().dispose(), 20);
    for (const [, m] of ms) m.dispose();
    tf.dispose([yt, yp, labels, bt, bp, x]);
    console.log(`${backend} tensors held by the bench itself: ${tf.memory().numTensors}`);
  }
  process.exit(0);
}
main();
