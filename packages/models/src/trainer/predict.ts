/** `predict`: outputs in inference mode, batch by batch, concatenated. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { Model } from '../model.js';
import type { DatasetLike, ModelData, PredictArgs } from './types.js';
import { checkArity, isDataset, sliceBatch, standardize } from './data.js';
import { ensureBuilt, withElement, INFINITE } from './fit.js';

function runBatch(model: Model, xs: tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const out = model.apply(xs.length === 1 ? xs[0] : xs, { training: false }) as tf.Tensor | tf.Tensor[];
    return Array.isArray(out) ? out : [out];
  });
}

function concatOutputs(model: Model, batches: tf.Tensor[][]): tf.Tensor | tf.Tensor[] {
  if (!batches.length) throw new ValueError('Unexpected result of `predict`: no batches were processed (empty input?).');
  const outs = batches[0].map((_, i) => (batches.length === 1 ? batches[0][i] : tf.concat(batches.map((b) => b[i]), 0)));
  if (batches.length > 1) tf.dispose(batches.flat());
  return outs.length === 1 && !model.hasMultipleOutputs ? outs[0] : outs;
}

export function predict(model: Model, x: ModelData | AsyncIterable<unknown>, args: PredictArgs = {}): tf.Tensor | tf.Tensor[] | Promise<tf.Tensor | tf.Tensor[]> {
  if (isDataset(x)) return predictDataset(model, x, args);
  const xs = standardize(x as ModelData, model.isFunctional ? model.inputNames : [], 'x');
  try {
    checkArity(model, xs.tensors, null);
    const n = xs.tensors[0]?.shape[0] ?? 0;
    if (new Set(xs.tensors.map((t) => t.shape[0])).size > 1) {
      throw new ValueError(`Data cardinality is ambiguous: 'x' sizes: ${xs.tensors.map((t) => t.shape[0]).join(', ')}. Make sure all arrays contain the same number of samples.`);
    }
    ensureBuilt(model, xs.tensors);
    const batchSize = args.batchSize ?? 32;
    const batches: tf.Tensor[][] = [];
    for (let start = 0; start < n; start += batchSize) {
      const bx = sliceBatch(xs.tensors, start, Math.min(n, start + batchSize), null);
      try {
        batches.push(runBatch(model, bx));
      } finally {
        tf.dispose(bx);
      }
    }
    return concatOutputs(model, batches);
  } finally {
    tf.dispose(xs.owned);
  }
}

async function predictDataset(model: Model, ds: DatasetLike, args: PredictArgs): Promise<tf.Tensor | tf.Tensor[]> {
  if (ds.cardinality() === INFINITE && args.steps == null) {
    throw new ValueError('When predicting on an infinitely repeating dataset, you must specify the `steps` argument.');
  }
  const it = ds[Symbol.asyncIterator]();
  const batches: tf.Tensor[][] = [];
  try {
    for (let step = 0; args.steps == null || step < args.steps; step++) {
      const next = await it.next();
      if (next.done) break;
      batches.push(withElement(model, null, next.value, (xs) => runBatch(model, xs)));
    }
  } finally {
    await it.return?.();
  }
  return concatOutputs(model, batches);
}

export function predictOnBatch(model: Model, x: ModelData): tf.Tensor | tf.Tensor[] {
  const xs = standardize(x, model.isFunctional ? model.inputNames : [], 'x');
  try {
    checkArity(model, xs.tensors, null);
    ensureBuilt(model, xs.tensors);
    return concatOutputs(model, [runBatch(model, xs.tensors)]);
  } finally {
    tf.dispose(xs.owned);
  }
}
