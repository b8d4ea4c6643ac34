/** `fit`: the training loop over arrays or datasets, with validation, callbacks and the progress bar. */
import * as tf from '@keras-ts/tensor';
import { ValueError, ready } from '@keras-ts/tensor';
import { CallbackList, History, ProgbarLogger, type Callback, type Logs } from '@keras-ts/callbacks';
import type { Model } from '../model.js';
import { assertCompiled } from '../model.js';
import type { DatasetLike, FitArgs, ModelData } from './types.js';
import { checkArity, checkCardinality, classWeightsFor, isDataset, sliceBatch, standardize, tensorsIn, unpackElement } from './data.js';
import { trainStep } from './step.js';
import { evaluateArrays, evaluateDataset } from './evaluate.js';

export const INFINITE = -1;

export function resolveVerbose(v: FitArgs['verbose']): 0 | 1 | 2 {
  if (v === undefined || v === 'auto') return 1;
  return v;
}

export function makeCallbacks(model: Model, user: Callback[] | undefined, verbose: number, history: History | null): { list: CallbackList; progbar: ProgbarLogger | null } {
  const own = (user ?? []).find((c): c is ProgbarLogger => c instanceof ProgbarLogger);
  const progbar = own ?? (verbose ? new ProgbarLogger() : null);
  const cbs: Callback[] = [...(user ?? [])].filter((c) => c !== own);
  if (history) cbs.unshift(history);
  if (progbar) cbs.push(progbar);
  const list = new CallbackList(cbs);
  list.setModel(model);
  return { list, progbar };
}

/** Makes sure the model is built for inputs like `xs` (deferred Sequential / subclassed models). */
export function ensureBuilt(model: Model, xs: tf.Tensor[]): void {
  if (model.built && (model.isFunctional || model.weights.length || !model.layers.length)) return;
  tf.tidy(() => {
    const probe = xs.map((x) => tf.slice(x, [0, ...new Array(x.rank - 1).fill(0)], [Math.min(1, x.shape[0]), ...x.shape.slice(1)]));
    model.apply(probe.length === 1 ? probe[0] : probe, { training: false });
  });
}

/**
 * Runs `body` on one dataset element: unpacked into x (and y and sample weights), standardized against the
 * model's input names (and `outputNames`; null when the element has no targets, as in `predict`), checked,
 * the model built if needed; everything the element and its standardization hold is freed afterwards.
 */
export function withElement<T>(
  model: Model,
  outputNames: string[] | null,
  value: unknown,
  body: (xs: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null) => T,
): T {
  const el = unpackElement(value);
  try {
    const xs = standardize(el.x, model.isFunctional ? model.inputNames : [], 'x');
    const ys = outputNames ? standardize(el.y, outputNames, 'y') : { tensors: [], owned: [] };
    try {
      checkArity(model, xs.tensors, outputNames ? ys.tensors : null);
      ensureBuilt(model, xs.tensors);
      return body(xs.tensors, ys.tensors, el.sw ?? null);
    } finally {
      tf.dispose([...xs.owned, ...ys.owned]);
    }
  } finally {
    tf.dispose(tensorsIn(value));
  }
}

export async function fit(model: Model, x: ModelData, yOrArgs?: ModelData | FitArgs, maybeArgs?: FitArgs): Promise<History> {
  await ready();
  const c = assertCompiled(model, 'training');
  const dataset = isDataset(x);
  const y = dataset ? undefined : (yOrArgs as ModelData | undefined);
  const args: FitArgs = (dataset ? (yOrArgs as FitArgs) : maybeArgs) ?? {};
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const verbose = resolveVerbose(args.verbose);
  const history = new History();
  model.history = history;
  model.stopTraining = false;
  if (dataset) return fitDataset(model, x as DatasetLike, args, history, verbose);

  const xs = standardize(x, model.isFunctional ? model.inputNames : [], 'x');
  const ys = standardize(y, c.outputNames, 'y');
  const owned = [...xs.owned, ...ys.owned];
  let sw: tf.Tensor | null = args.sampleWeight ? (args.sampleWeight instanceof tf.Tensor ? args.sampleWeight : tf.tensor1d(args.sampleWeight)) : null;
  if (sw && !(args.sampleWeight instanceof tf.Tensor)) owned.push(sw);
  try {
    checkArity(model, xs.tensors, ys.tensors);
    let n = checkCardinality(xs.tensors, ys.tensors, sw);
    if (args.classWeight) {
      if (ys.tensors.length !== 1) throw new ValueError('`class_weight` is only supported for models with a single output.');
      const cw = classWeightsFor(ys.tensors[0], args.classWeight);
      const combined = sw ? tf.mul(sw, cw) : cw;
      if (sw) cw.dispose();
      owned.push(combined);
      sw = combined;
    }
    let trainX = xs.tensors;
    let trainY = ys.tensors;
    let trainSw = sw;
    let valData: [tf.Tensor[], tf.Tensor[], tf.Tensor | null] | null = null;
    if (args.validationData && !isDataset(args.validationData)) {
      const [vx, vy, vsw] = args.validationData as [ModelData, ModelData, tf.Tensor?];
      const vxs = standardize(vx, model.isFunctional ? model.inputNames : [], 'x');
      const vys = standardize(vy, c.outputNames, 'y');
      owned.push(...vxs.owned, ...vys.owned);
      checkCardinality(vxs.tensors, vys.tensors, vsw ?? null);
      valData = [vxs.tensors, vys.tensors, vsw ?? null];
    } else if (args.validationSplit) {
      if (!(args.validationSplit > 0 && args.validationSplit < 1)) throw new ValueError(`\`validation_split\` must be between 0 and 1, received ${args.validationSplit}`);
      const split = Math.floor(n * (1 - args.validationSplit));
      if (split === 0 || split === n) throw new ValueError(`Training data contains ${n} samples, which is not sufficient to split it into a validation and training set as specified by \`validation_split=${args.validationSplit}\`.`);
      const cut = (ts: tf.Tensor[], a: number, b: number) => ts.map((t) => tf.slice(t, [a, ...new Array(t.rank - 1).fill(0)], [b - a, ...t.shape.slice(1)]));
      const [tx, ty, vx, vy] = [cut(xs.tensors, 0, split), cut(ys.tensors, 0, split), cut(xs.tensors, split, n), cut(ys.tensors, split, n)];
      const tsw = sw ? tf.slice(sw, [0], [split]) : null;
      const vsw = sw ? tf.slice(sw, [split], [n - split]) : null;
      owned.push(...tx, ...ty, ...vx, ...vy, ...(tsw ? [tsw, vsw!] : []));
      trainX = tx;
      trainY = ty;
      trainSw = tsw;
      valData = [vx, vy, vsw];
      n = split;
    }
    ensureBuilt(model, trainX);
    const batchSize = args.batchSize ?? 32;
    const steps = Math.ceil(n / batchSize);
    const { list, progbar } = makeCallbacks(model, args.callbacks, verbose, history);
    list.setParams({ epochs, steps, verbose, samples: n, mode: 'fit' });
    if (progbar) progbar.readLogs = () => c.results();
    await list.call('onTrainBegin');
    for (let epoch = initialEpoch; epoch < epochs; epoch++) {
      c.resetMetrics();
      await list.call('onEpochBegin', epoch);
      const indices = args.shuffle === false ? null : (tf.tidy(() => tf.tensor1d(Int32Array.from(tf.util.createShuffledIndices(n)), "int32")) as tf.Tensor1D);
      try {
        for (let step = 0; step < steps; step++) {
          await list.call('onTrainBatchBegin', step);
          const start = step * batchSize;
          const end = Math.min(n, start + batchSize);
          const bx = sliceBatch(trainX, start, end, indices);
          const by = sliceBatch(trainY, start, end, indices);
          const [bsw] = trainSw ? sliceBatch([trainSw], start, end, indices) : [null];
          try {
            trainStep(model, c, bx, by, bsw);
          } finally {
            tf.dispose([...bx, ...by, ...(bsw ? [bsw] : [])]);
          }
          await list.call('onTrainBatchEnd', step, list.wantsBatchLogs ? c.results() : undefined);
          if (model.stopTraining) break;
        }
      } finally {
        indices?.dispose();
      }
      const logs: Logs = c.results();
      if (valData) {
        const vlogs = await evaluateArrays(model, c, valData[0], valData[1], valData[2], args.validationBatchSize ?? batchSize, null);
        for (const [k, v] of Object.entries(vlogs)) logs[`val_${k}`] = v;
      } else if (args.validationData) {
        const vlogs = await evaluateDataset(model, c, args.validationData as DatasetLike, args.validationSteps, null);
        for (const [k, v] of Object.entries(vlogs)) logs[`val_${k}`] = v;
      }
      await list.call('onEpochEnd', epoch, logs);
      if (model.stopTraining) break;
    }
    finalizeOptimizer(c.optimizer);
    await list.call('onTrainEnd');
    return history;
  } finally {
    tf.dispose(owned);
  }
}

async function fitDataset(model: Model, ds: DatasetLike, args: FitArgs, history: History, verbose: 0 | 1 | 2): Promise<History> {
  const c = model.compiled!;
  const epochs = args.epochs ?? 1;
  const card = ds.cardinality();
  if (card === INFINITE && args.stepsPerEpoch == null) {
    throw new ValueError('When passing an infinitely repeating dataset, you must specify the `stepsPerEpoch` argument.');
  }
  const steps = args.stepsPerEpoch ?? (card >= 0 ? card : null);
  const { list, progbar } = makeCallbacks(model, args.callbacks, verbose, history);
  list.setParams({ epochs, steps, verbose, mode: 'fit' });
  if (progbar) progbar.readLogs = () => c.results();
  await list.call('onTrainBegin');
  let iterator: AsyncIterator<unknown> | null = null;
  for (let epoch = args.initialEpoch ?? 0; epoch < epochs; epoch++) {
    c.resetMetrics();
    await list.call('onEpochBegin', epoch);
    // With stepsPerEpoch the iterator continues across epochs (Keras); otherwise each epoch reads the dataset to its end.
    if (!iterator || args.stepsPerEpoch == null) {
      await iterator?.return?.();
      iterator = ds[Symbol.asyncIterator]();
    }
    let step = 0;
    for (; steps == null || step < steps; step++) {
      const next = await iterator.next();
      if (next.done) {
        if (args.stepsPerEpoch != null) {
          console.warn(`Your input ran out of data; interrupting training. Make sure that your dataset can generate at least \`stepsPerEpoch * epochs\` batches (${args.stepsPerEpoch * epochs}).`);
          model.stopTraining = true;
        }
        break;
      }
      await list.call('onTrainBatchBegin', step);
      withElement(model, c.outputNames, next.value, (xs, ys, sw) => trainStep(model, c, xs, ys, sw));
      await list.call('onTrainBatchEnd', step, list.wantsBatchLogs ? c.results() : undefined);
      if (model.stopTraining) break;
    }
    if (steps == null && progbar) progbar.setParams({ ...progbar.params, steps: step });
    const logs: Logs = c.results();
    if (args.validationData) {
      let vlogs: Logs;
      if (isDataset(args.validationData)) vlogs = await evaluateDataset(model, c, args.validationData, args.validationSteps, null);
      else {
        const [vx, vy, vsw] = args.validationData as [ModelData, ModelData, tf.Tensor?];
        const vxs = standardize(vx, model.isFunctional ? model.inputNames : [], 'x');
        const vys = standardize(vy, c.outputNames, 'y');
        try {
          vlogs = await evaluateArrays(model, c, vxs.tensors, vys.tensors, vsw ?? null, args.validationBatchSize ?? 32, null);
        } finally {
          tf.dispose([...vxs.owned, ...vys.owned]);
        }
      }
      for (const [k, v] of Object.entries(vlogs)) logs[`val_${k}`] = v;
    }
    await list.call('onEpochEnd', epoch, logs);
    if (model.stopTraining) break;
  }
  // Close the iterator so that the pipeline frees what it buffered (shuffle buffers, prefetch, ...).
  await iterator?.return?.();
  finalizeOptimizer(c.optimizer);
  await list.call('onTrainEnd');
  return history;
}

/** With weight averaging (`useEma`), the averaged values replace the weights at the end of `fit`, as in Keras. */
function finalizeOptimizer(optimizer: unknown): void {
  const o = optimizer as { useEma?: boolean; finalizeVariableValues?: (vars?: unknown) => void };
  if (o.useEma && typeof o.finalizeVariableValues === 'function') o.finalizeVariableValues();
}
