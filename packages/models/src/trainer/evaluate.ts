/** `evaluate`: loss and metrics in inference mode, over arrays or a dataset. */
import * as tf from '@keras-ts/tensor';
import { ValueError, ready } from '@keras-ts/tensor';
import type { CallbackList, Logs } from '@keras-ts/callbacks';
import type { Model } from '../model.js';
import { assertCompiled } from '../model.js';
import type { CompiledState } from './compile.js';
import type { DatasetLike, EvaluateArgs, ModelData } from './types.js';
import { checkArity, checkCardinality, isDataset, sliceBatch, standardize } from './data.js';
import { testStep } from './step.js';
import { ensureBuilt, makeCallbacks, resolveVerbose, withElement, INFINITE } from './fit.js';

export async function evaluateArrays(
  model: Model, c: CompiledState, xs: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null, batchSize: number, list: CallbackList | null,
): Promise<Logs> {
  const n = checkCardinality(xs, ys, sw);
  ensureBuilt(model, xs);
  c.resetMetrics();
  const steps = Math.ceil(n / batchSize);
  await list?.call('onTestBegin');
  for (let step = 0; step < steps; step++) {
    await list?.call('onTestBatchBegin', step);
    const start = step * batchSize;
    const end = Math.min(n, start + batchSize);
    const bx = sliceBatch(xs, start, end, null);
    const by = sliceBatch(ys, start, end, null);
    const [bsw] = sw ? sliceBatch([sw], start, end, null) : [null];
    try {
      testStep(model, c, bx, by, bsw);
    } finally {
      tf.dispose([...bx, ...by, ...(bsw ? [bsw] : [])]);
    }
    await list?.call('onTestBatchEnd', step, list.wantsBatchLogs ? c.results() : undefined);
  }
  const logs = c.results();
  await list?.call('onTestEnd', logs);
  return logs;
}

export async function evaluateDataset(model: Model, c: CompiledState, ds: DatasetLike, steps: number | undefined, list: CallbackList | null): Promise<Logs> {
  if (ds.cardinality() === INFINITE && steps == null) {
    throw new ValueError('When evaluating on an infinitely repeating dataset, you must specify the `steps` argument.');
  }
  c.resetMetrics();
  await list?.call('onTestBegin');
  const it = ds[Symbol.asyncIterator]();
  try {
    for (let step = 0; steps == null || step < steps; step++) {
      const next = await it.next();
      if (next.done) break;
      await list?.call('onTestBatchBegin', step);
      withElement(model, c.outputNames, next.value, (xs, ys, sw) => testStep(model, c, xs, ys, sw));
      await list?.call('onTestBatchEnd', step, list.wantsBatchLogs ? c.results() : undefined);
    }
  } finally {
    // Frees what the pipeline buffered when we stop early (steps).
    await it.return?.();
  }
  const logs = c.results();
  await list?.call('onTestEnd', logs);
  return logs;
}

/** Formats logs as Keras's `evaluate` returns them: the loss alone, a list [loss, ...metrics], or a dict. */
export function formatResults(logs: Logs, returnDict: boolean): number | number[] | Record<string, number> {
  if (returnDict) return logs;
  const values = Object.values(logs);
  return values.length === 1 ? values[0] : values;
}

export async function evaluate(model: Model, x: ModelData, yOrArgs?: ModelData | EvaluateArgs, maybeArgs?: EvaluateArgs): Promise<number | number[] | Record<string, number>> {
  await ready();
  const c = assertCompiled(model, 'evaluation');
  const dataset = isDataset(x);
  const args: EvaluateArgs = (dataset ? (yOrArgs as EvaluateArgs) : maybeArgs) ?? {};
  const verbose = resolveVerbose(args.verbose);
  const { list } = makeCallbacks(model, args.callbacks, verbose, null);
  if (dataset) {
    const card = (x as DatasetLike).cardinality();
    list.setParams({ steps: args.steps ?? (card >= 0 ? card : null), verbose, mode: 'evaluate' });
    return formatResults(await evaluateDataset(model, c, x as DatasetLike, args.steps, list), args.returnDict ?? false);
  }
  const xs = standardize(x, model.isFunctional ? model.inputNames : [], 'x');
  const ys = standardize(yOrArgs as ModelData, c.outputNames, 'y');
  const sw = args.sampleWeight ? (args.sampleWeight instanceof tf.Tensor ? args.sampleWeight : tf.tensor1d(args.sampleWeight)) : null;
  try {
    checkArity(model, xs.tensors, ys.tensors);
    const batchSize = args.batchSize ?? 32;
    const n = checkCardinality(xs.tensors, ys.tensors, sw);
    list.setParams({ steps: Math.ceil(n / batchSize), verbose, mode: 'evaluate' });
    return formatResults(await evaluateArrays(model, c, xs.tensors, ys.tensors, sw, batchSize, list), args.returnDict ?? false);
  } finally {
    tf.dispose([...xs.owned, ...ys.owned, ...(sw && !(args.sampleWeight instanceof tf.Tensor) ? [sw] : [])]);
  }
}
