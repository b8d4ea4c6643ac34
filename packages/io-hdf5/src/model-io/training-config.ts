/**
 * Compile arguments in files: tf.keras 2's `training_config` (HDF5) and Keras 3's `compile_config`
 * (`.keras`), written from `model.compiled.args` and turned back into `compile()` arguments on load.
 */
import type { CompileArgs, Model } from '@keras-ts/models';

type Optimizer = NonNullable<Model['optimizer']>;

/** Keras 3's serialized optimizer. */
function serializeOptimizer(opt: Optimizer): { module: string; class_name: string; config: Record<string, unknown>; registered_name: null } {
  return { module: 'keras.optimizers', class_name: opt.className, config: opt.getConfig() as unknown as Record<string, unknown>, registered_name: null };
}

function identifier(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(identifier);
  if (typeof v === 'function') return (v as { name?: string }).name || null;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown> & { getConfig?: () => unknown; name?: unknown; className?: unknown };
    if ('class_name' in o) return o;
    if (typeof o.getConfig === 'function' && typeof o.className === 'string') return { class_name: o.className, config: o.getConfig() };
    if (typeof o.name === 'string') return o.name;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, identifier(x)]));
  }
  return null;
}

/** tf.keras 2's `training_config`, or undefined for an uncompiled model. */
export function trainingConfigOf(model: Model): Record<string, unknown> | undefined {
  const c = model.compiled;
  if (!c) return undefined;
  const opt = serializeOptimizer(c.optimizer);
  return {
    loss: identifier(c.args.loss),
    metrics: identifier(c.args.metrics),
    weighted_metrics: identifier(c.args.weightedMetrics),
    loss_weights: identifier(c.args.lossWeights),
    optimizer_config: { class_name: opt.class_name, config: opt.config },
  };
}

/** Keras 3's `compile_config`, or undefined for an uncompiled model. */
export function compileConfigOf(model: Model): Record<string, unknown> | undefined {
  const c = model.compiled;
  if (!c) return undefined;
  return {
    optimizer: serializeOptimizer(c.optimizer),
    loss: identifier(c.args.loss),
    loss_weights: identifier(c.args.lossWeights),
    metrics: identifier(c.args.metrics),
    weighted_metrics: identifier(c.args.weightedMetrics),
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: false,
  };
}

/** Metric entries as tf.keras 2.11 writes them ({class_name: 'MeanMetricWrapper', config: {name}}) become names. */
function metricIds(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(metricIds);
  if (typeof v === 'object') {
    const o = v as { class_name?: unknown; config?: { name?: unknown } };
    if (typeof o.class_name === 'string') return typeof o.config?.name === 'string' ? o.config.name : o.class_name;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, metricIds(x)]));
  }
  return v;
}

/** `compile()` arguments from a training_config (tf.keras 2) or compile_config (Keras 3). */
export function compileArgsFrom(config: Record<string, unknown>): CompileArgs {
  const optimizer = (config.optimizer_config ?? config.optimizer) as CompileArgs['optimizer'];
  const args: CompileArgs = { optimizer };
  if (config.loss != null) args.loss = config.loss as CompileArgs['loss'];
  const metrics = metricIds(config.metrics);
  if (metrics !== undefined) args.metrics = metrics as CompileArgs['metrics'];
  const weighted = metricIds(config.weighted_metrics);
  if (weighted !== undefined) args.weightedMetrics = weighted as CompileArgs['weightedMetrics'];
  if (config.loss_weights != null) args.lossWeights = config.loss_weights as CompileArgs['lossWeights'];
  return args;
}
