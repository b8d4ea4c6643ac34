/**
 * `compile`: resolves the optimizer, the loss of each output, loss weights and metrics, and holds the
 * trackers that `fit`/`evaluate` report ('loss', per-output '<name>_loss', metrics).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import * as optimizers from '@keras-ts/optimizers';
import type { Optimizer } from '@keras-ts/optimizers';
import type { Model } from '../model.js';
import { getLoss, getMetric, makeMean, type LossIdentifier, type LossLike, type MeanLike, type MetricIdentifier, type MetricLike } from './resolve.js';

export interface CompileArgs {
  optimizer?: string | Optimizer | { class_name: string; config?: Record<string, unknown> };
  loss?: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  metrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]> | MetricIdentifier[][];
  lossWeights?: number[] | Record<string, number>;
  weightedMetrics?: MetricIdentifier[];
  runEagerly?: boolean;
}

export interface CompiledState {
  args: CompileArgs;
  optimizer: Optimizer;
  /** One loss per output (null: that output has no loss). */
  losses: Array<LossLike | null>;
  lossIds: Array<LossIdentifier | null>;
  lossWeights: number[];
  /** Metric identifiers per output, resolved lazily once output shapes are known. */
  metricIds: MetricIdentifier[][];
  metrics: MetricLike[][] | null;
  lossTracker: MeanLike;
  outputLossTrackers: MeanLike[];
  outputNames: string[];
  /** Resolves metrics for the model's outputs (needs output shapes: after the model is built). */
  ensureMetrics(outputShapes: Array<Array<number | null>>): MetricLike[][];
  resetMetrics(): void;
  /** Reads the current values (a device sync): 'loss', '<out>_loss', metric names. */
  results(): Record<string, number>;
  dispose(): void;
}

function perOutput<T>(value: T | T[] | Record<string, T> | undefined, names: string[], what: string, fill: T | null): Array<T | null> {
  if (value === undefined) return names.map(() => fill);
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new ValueError(`When passing a list as \`${what}\`, it should have one entry per model output. The model has ${names.length} output(s) (${names.join(', ')}), but you passed ${what}=${value.length} entries.`);
    }
    return value;
  }
  if (value && typeof value === 'object' && !('apply' in (value as object)) && !('class_name' in (value as object)) && typeof value !== 'function') {
    const dict = value as Record<string, T>;
    for (const k of Object.keys(dict)) {
      if (!names.includes(k)) throw new ValueError(`Unknown entry in ${what} dictionary: "${k}". Only expected the following keys: ${names.join(', ')}`);
    }
    return names.map((n) => dict[n] ?? fill);
  }
  return names.map(() => value as T);
}

export function compileModel(model: Model, args: CompileArgs): CompiledState {
  const optimizer = optimizers.get((args.optimizer ?? 'rmsprop') as never) as Optimizer;
  const names = model.isFunctional ? model.outputNames : ['output_1'];
  const single = !model.isFunctional || names.length === 1;
  const lossIds = args.loss === undefined ? names.map(() => null) : perOutput<LossIdentifier>(args.loss as never, names, 'loss', null);
  const losses = lossIds.map((id) => (id == null ? null : getLoss(id)));
  const lossWeights = perOutput<number>(args.lossWeights as never, names, 'loss_weights', 1).map((w) => w ?? 1);
  let metricIds: MetricIdentifier[][];
  const m = args.metrics;
  if (m === undefined) metricIds = names.map(() => []);
  else if (Array.isArray(m)) {
    if (m.length && Array.isArray(m[0])) metricIds = perOutput<MetricIdentifier[]>(m as MetricIdentifier[][], names, 'metrics', []).map((x) => x ?? []);
    else metricIds = names.map(() => m as MetricIdentifier[]);
  } else {
    metricIds = perOutput<MetricIdentifier | MetricIdentifier[]>(m as never, names, 'metrics', []).map((x) => (x == null ? [] : Array.isArray(x) ? x : [x]));
  }
  const lossTracker = makeMean('loss');
  const outputLossTrackers = single ? [] : names.map((n) => makeMean(`${n}_loss`));
  const state: CompiledState = {
    args,
    optimizer,
    losses,
    lossIds,
    lossWeights,
    metricIds,
    metrics: null,
    lossTracker,
    outputLossTrackers,
    outputNames: names,
    ensureMetrics(outputShapes) {
      if (!state.metrics) {
        state.metrics = metricIds.map((ids, i) =>
          ids.map((id) => {
            const metric = getMetric(id, { loss: lossIds[i], outputShape: outputShapes[i] ?? [] });
            if (!single) metric.name = `${names[i]}_${metric.name}`;
            return metric;
          }),
        );
      }
      return state.metrics;
    },
    resetMetrics() {
      lossTracker.resetState();
      for (const t of outputLossTrackers) t.resetState();
      for (const ms of state.metrics ?? []) for (const mm of ms) mm.resetState();
    },
    results() {
      const out: Record<string, number> = {};
      const read = (name: string, t: { result(): tf.Tensor }) => {
        const r = t.result();
        out[name] = r.dataSync()[0];
        r.dispose();
      };
      read('loss', lossTracker);
      outputLossTrackers.forEach((t) => read(t.name, t));
      for (const ms of state.metrics ?? []) for (const mm of ms) read(mm.name, mm);
      return out;
    },
    dispose() {
      lossTracker.dispose?.();
      for (const t of outputLossTrackers) t.dispose?.();
      for (const ms of state.metrics ?? []) for (const mm of ms) mm.dispose?.();
    },
  };
  // Create the optimizer's and metrics' state now when the model is built, so that fit() allocates nothing
  // that outlives it (and state can be restored before training starts).
  if (model.built && model.isFunctional && model.trainableWeights.length) {
    optimizer.build(model.trainableWeights);
    state.ensureMetrics(model.outputs.map((o) => o.shape));
  }
  return state;
}
