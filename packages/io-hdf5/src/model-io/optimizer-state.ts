/**
 * The optimizer's state in files: tf.keras 2 order and names for HDF5 `optimizer_weights` (`iter`, then each
 * slot kind for every variable), Keras 3 order for `.keras` (`optimizer/vars`: iteration, learning_rate,
 * then the slots interleaved). Restoring builds the optimizer over the model's trainable weights first, as
 * Keras does, and, like Keras, warns and keeps a fresh optimizer when the saved state does not fit.
 */
import type { Model } from '@keras-ts/models';
import type { WeightValue } from '../weight-values.js';
import { assignAll, sameShape, weightValueOf } from './tensors.js';

type Optimizer = NonNullable<Model['optimizer']>;

/** tf.keras 2 keeps the step count as int64. */
function asInt64(w: WeightValue): WeightValue {
  return { ...w, dtype: 'int64', data: BigInt64Array.from(Array.from(w.data as Int32Array, (x) => BigInt(x))) };
}

/** tf.keras 2 `optimizer_weights` (names such as 'Adam/iter:0', 'Adam/dense/kernel/m:0'; `iter` is int64). */
export function keras2OptimizerWeights(opt: Optimizer): WeightValue[] {
  if (!opt.built) return [asInt64(weightValueOf(opt.iterations, `${opt.name}/iter:0`))];
  const names = opt.weightNames();
  return opt.weightVariables().map((v, i) => (v === opt.iterations ? asInt64(weightValueOf(v, names[i]!)) : weightValueOf(v, names[i]!)));
}

/** Keras 3 `optimizer/vars`, in `optimizer.variables` order. */
export function keras3OptimizerVars(opt: Optimizer): WeightValue[] {
  return opt.variables.map((v, i) => weightValueOf(v, String(i)));
}

const FRESH = 'As a result, your model is starting with a freshly initialized optimizer.';

/** Restores saved optimizer state into `model.optimizer` (tf.keras 2 or Keras 3 order, recognized by count). */
export function restoreOptimizerState(model: Model, values: WeightValue[], warn: (m: string) => void, order: 'keras2' | 'keras3'): boolean {
  const opt = model.optimizer;
  if (!opt || values.length === 0) return false;
  if (!opt.built) opt.build(model.trainableWeights);
  const candidates = order === 'keras3' ? [opt.variables, opt.weightVariables()] : [opt.weightVariables(), opt.variables];
  const targets = candidates.find((vars) => vars.length === values.length && vars.every((v, i) => sameShape(v.shape, values[i]!.shape)));
  if (!targets) {
    warn(
      `Error in loading the saved optimizer state: the file holds ${values.length} optimizer variables ` +
        `(${values.slice(0, 4).map((v) => `${v.name} [${v.shape}]`).join(', ')}${values.length > 4 ? ', ...' : ''}), ` +
        `but ${opt.className} has ${opt.weightVariables().length} for this model. ${FRESH}`,
    );
    return false;
  }
  assignAll(targets.map((v, i) => [v, values[i]!, `optimizer ${opt.className}`]));
  return true;
}
