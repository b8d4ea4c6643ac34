/**
 * Bench: stream a large generated TFRecord (or CSV) file through a pipeline — and through `fit` — and report the
 * peak resident memory. The file is generated in the OS temp dir (not committed) and removed afterwards.
 *
 *   pnpm --filter @keras-ts/data bench:stream                # 1024 MB TFRecord of tf.train.Examples, through fit
 *   pnpm --filter @keras-ts/data bench:stream -- --format csv --size-mb 1024
 *   options: --format tfrecord|csv  --size-mb N  --no-fit  --gzip  --keep FILE (reuse/keep the generated file)
 *
 * Prints the file size, records, batches, seconds, and RSS (baseline after setup, peak while streaming).
 */
import { existsSync, statSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { Dense } from '@keras-ts/layers';
import { Sequential } from '@keras-ts/models';
import { experimental, FixedLenFeature, parseExample, serializeExample, TFRecordDataset, TFRecordWriter, type Dataset } from '../src/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const format = opt('format', 'tfrecord');
const sizeMb = Number(opt('size-mb', '1024'));
const withFit = !args.includes('--no-fit');
const gzip = args.includes('--gzip');
const keep = opt('keep', '');
const FEATURES = 64;
const BATCH = 512;

const mb = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;
let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

async function generateTfrecord(path: string): Promise<number> {
  const w = new TFRecordWriter(path, { compressionType: gzip ? 'GZIP' : '' });
  const target = sizeMb * 2 ** 20;
  let bytes = 0;
  let n = 0;
  const x = new Float32Array(FEATURES);
  while (bytes < target) {
    for (let j = 0; j < FEATURES; j++) x[j] = Math.sin(n * 0.001 + j);
    const rec = serializeExample({ x: { floatList: x }, y: { floatList: [x[0]! * 0.5 + x[1]! * 0.25] }, id: { int64List: [n] } });
    await w.write(rec);
    bytes += rec.length + 16;
    n++;
  }
  await w.close();
  return n;
}

async function generateCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(['y', ...Array.from({ length: FEATURES }, (_, j) => `x${j}`)].join(',') + '\n');
  const target = sizeMb * 2 ** 20;
  let bytes = 0;
  let n = 0;
  while (bytes < target) {
    const lines: string[] = [];
    for (let k = 0; k < 1000; k++, n++) {
      const xs = Array.from({ length: FEATURES }, (_, j) => Math.sin(n * 0.001 + j).toFixed(5));
      lines.push(`${(Number(xs[0]) * 0.5 + Number(xs[1]) * 0.25).toFixed(5)},${xs.join(',')}`);
    }
    const chunk = lines.join('\n') + '\n';
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return n;
}

function pipeline(path: string): Dataset<unknown> {
  if (format === 'csv') {
    return experimental
      .makeCsvDataset(path, BATCH, { labelName: 'y', numEpochs: 1, shuffle: false, prefetchBufferSize: 2 })
      .map((el: unknown) => {
        const [feats, y] = el as [Record<string, tf.Tensor>, tf.Tensor];
        return [tf.stack(Object.keys(feats).map((k) => feats[k]!), 1), tf.reshape(y, [-1, 1])];
      });
  }
  const spec = { x: new FixedLenFeature([FEATURES], 'float32'), y: new FixedLenFeature([1], 'float32') };
  return new TFRecordDataset(path, { compressionType: gzip ? 'GZIP' : '' })
    .batch(BATCH)
    .map((recs) => {
      const p = parseExample(recs as tf.Tensor, spec);
      return [p.x, p.y];
    })
    .prefetch(2);
}

async function main(): Promise<void> {
  await tf.ready();
  const path = keep || join(tmpdir(), `keras-ts-stream-bench-${process.pid}.${format === 'csv' ? 'csv' : 'tfrecord'}${gzip ? '.gz' : ''}`);
  try {
    let t0 = Date.now();
    if (!keep || !existsSync(path)) {
      const n = format === 'csv' ? await generateCsv(path) : await generateTfrecord(path);
      console.log(`generated ${path}: ${mb(statSync(path).size)}, ${n} records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const model = new Sequential([new Dense(16, { activation: 'relu', inputShape: [FEATURES] }), new Dense(1)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    peak = baseline;
    const timer = setInterval(sample, 50);
    t0 = Date.now();
    let batches = 0;
    const progress = setInterval(() => console.log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s: ${batches} batches, RSS ${mb(process.memoryUsage().rss)}, peak ${mb(peak)}`), 30_000);
    if (withFit) {
      const ds = pipeline(path).map((el) => {
        batches++;
        return el;
      });
      const h = await model.fit(ds as never, { epochs: 1, verbose: 0 });
      console.log(`fit: loss ${(h.history.loss as number[])[0]!.toFixed(5)}`);
    } else {
      for await (const el of pipeline(path)) {
        batches++;
        tf.dispose(el as tf.Tensor[]);
      }
    }
    clearInterval(timer);
    clearInterval(progress);
    sample();
    const secs = (Date.now() - t0) / 1000;
    console.log(
      `streamed ${mb(statSync(path).size)} (${format}${gzip ? ', gzip' : ''}) in ${batches} batches of ${BATCH} ${withFit ? 'through fit' : '(pipeline only)'}: ${secs.toFixed(1)} s, ${mb(statSync(path).size / secs)}/s`,
    );
    console.log(`RSS baseline ${mb(baseline)}, peak ${mb(peak)} (limit 300 MB: ${peak < 300 * 2 ** 20 ? 'OK' : 'EXCEEDED'}); tensors left: ${tf.memory().numTensors}`);
    model.dispose?.();
  } finally {
    if (!keep) rmSync(path, { force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
