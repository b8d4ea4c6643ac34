/**
 * Model-level suite: the same Keras models trained and run by each side (keras-ts, or stock tfjs-layers),
 * behind one small interface so that both sides run identical work.
 */
import { errorText, measure, peakTensorTracker, type Row, type Tf } from './harness.js';

type Tensor = ReturnType<Tf['zeros']>;

export interface BenchModel {
  fit(x: Tensor, y: Tensor, batchSize: number): Promise<void>;
  predict(x: Tensor, batchSize: number): Tensor;
}

/** Builds the bench models (compiled with Adam and categorical cross-entropy) with one library's API. */
export interface ModelApi {
  mlp(): BenchModel;
  cnn(): BenchModel;
  lstm(): BenchModel;
  gru(): BenchModel;
}

export interface ModelSpec {
  name: 'mlp' | 'cnn' | 'lstm' | 'gru';
  title: string;
  batch: number;
  /** Samples per fit() call. */
  samples: number;
  /** Training FLOPs per sample (forward, weight gradients, and input gradients of all but the first layer). */
  trainFlops?: number;
}

const MLP_FWD = 2 * (784 * 256 + 256 * 256 + 256 * 10);

export const MODELS: ModelSpec[] = [
  { name: 'mlp', title: 'MLP 784-256-256-10 Adam b128', batch: 128, samples: 1024, trainFlops: 3 * MLP_FWD - 2 * 784 * 256 },
  { name: 'cnn', title: 'MNIST CNN c32-p-c64-p-d128-d10 Adam b128', batch: 128, samples: 256 },
  { name: 'lstm', title: 'Embedding(5000,32)-LSTM(32)-Dense(1) seq64 b128', batch: 128, samples: 256 },
  { name: 'gru', title: 'Embedding(5000,32)-GRU(32)-Dense(1) seq64 b128', batch: 128, samples: 256 },
];

/** Synthetic inputs and one-hot (or binary) targets for a model. */
export function data(tf: Tf, spec: ModelSpec, n: number): { x: Tensor; y: Tensor } {
  return tf.tidy(() => {
    if (spec.name === 'lstm' || spec.name === 'gru') {
      return { x: tf.randomUniform([n, 64], 0, 5000, 'int32') as Tensor, y: tf.cast(tf.randomUniform([n, 1]), 'float32') as Tensor };
    }
    const x = spec.name === 'mlp' ? tf.randomNormal([n, 784]) : tf.randomNormal([n, 28, 28, 1]);
    const y = tf.oneHot(tf.randomUniform([n], 0, 10, 'int32') as never, 10);
    return { x: x as Tensor, y: tf.cast(y, 'float32') as Tensor };
  });
}

export async function modelSuite(
  tf: Tf,
  api: ModelApi,
  opts: { minSeconds: number; only?: Array<ModelSpec['name']>; predict?: boolean; batch?: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  const tracker = peakTensorTracker(tf);
  for (const base of MODELS) {
    if (opts.only && !opts.only.includes(base.name)) continue;
    // A smaller batch (one step per fit) for backends too slow for the full one (stock cpu CNN).
    const spec = opts.batch ? { ...base, batch: opts.batch, samples: opts.batch } : base;
    let model: BenchModel;
    try {
      model = api[spec.name]();
    } catch (e) {
      rows.push({ name: `${spec.name} train`, unit: 'samples/s', value: null, note: `skipped: ${errorText(e)}` });
      continue;
    }
    const { x, y } = data(tf, spec, spec.samples);
    try {
      // Warm-up: builds the model and the optimizer slots, then runs until the JIT and the heap settle (the
      // first fits run measurably slower on every side).
      await measure(() => model.fit(x, y, spec.batch), { minSeconds: Math.min(1, opts.minSeconds / 2), warmup: 1, maxIters: 5 });
      const before = tf.memory().numTensors;
      tracker.reset();
      const m = await measure(() => model.fit(x, y, spec.batch), { minSeconds: opts.minSeconds, warmup: 0, maxIters: 200 });
      rows.push({
        name: `${spec.name} train`,
        unit: 'samples/s',
        value: m.perSecond * spec.samples,
        peakTensors: tracker.peak(),
        leak: tf.memory().numTensors - before,
        ...(spec !== base ? { note: `batch ${spec.batch}` } : {}),
      });
    } catch (e) {
      rows.push({ name: `${spec.name} train`, unit: 'samples/s', value: null, note: `fails: ${errorText(e)}` });
    }
    if (opts.predict !== false) {
      try {
        const px = data(tf, spec, 1024).x;
        tracker.reset();
        const m = await measure(() => tf.dispose(model.predict(px, 256)), { minSeconds: opts.minSeconds / 2, warmup: 1 });
        rows.push({ name: `${spec.name} predict`, unit: 'samples/s', value: m.perSecond * 1024, peakTensors: tracker.peak() });
        tf.dispose(px);
      } catch (e) {
        rows.push({ name: `${spec.name} predict`, unit: 'samples/s', value: null, note: `fails: ${errorText(e)}` });
      }
    }
    tf.dispose([x, y]);
  }
  return rows;
}
