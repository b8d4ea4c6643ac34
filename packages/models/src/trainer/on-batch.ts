/** `trainOnBatch` / `testOnBatch`: one step on one batch; return the loss (and metrics) of that batch. */
import * as tf from '@keras-ts/tensor';
import type { Model } from '../model.js';
import { assertCompiled } from '../model.js';
import type { ModelData } from './types.js';
import { checkArity, checkCardinality, classWeightsFor, standardize } from './data.js';
import { testStep, trainStep } from './step.js';
import { ensureBuilt } from './fit.js';

function run(model: Model, x: ModelData, y: ModelData, sampleWeight: tf.Tensor | undefined, classWeight: Record<number, number> | undefined, train: boolean): number | number[] {
  const c = assertCompiled(model, train ? 'training' : 'evaluation');
  const xs = standardize(x, model.isFunctional ? model.inputNames : [], 'x');
  const ys = standardize(y, c.outputNames, 'y');
  let sw = sampleWeight ?? null;
  const extra: tf.Tensor[] = [];
  try {
    checkArity(model, xs.tensors, ys.tensors);
    checkCardinality(xs.tensors, ys.tensors, sw);
    if (classWeight) {
      const cw = classWeightsFor(ys.tensors[0], classWeight);
      sw = sw ? tf.mul(sw, cw) : cw;
      extra.push(cw, sw);
    }
    ensureBuilt(model, xs.tensors);
    c.resetMetrics();
    (train ? trainStep : testStep)(model, c, xs.tensors, ys.tensors, sw);
    const values = Object.values(c.results());
    return values.length === 1 ? values[0] : values;
  } finally {
    tf.dispose([...xs.owned, ...ys.owned, ...extra]);
  }
}

export function trainOnBatch(model: Model, x: ModelData, y: ModelData, args: { sampleWeight?: tf.Tensor; classWeight?: Record<number, number> } = {}): number | number[] {
  return run(model, x, y, args.sampleWeight, args.classWeight, true);
}
export function testOnBatch(model: Model, x: ModelData, y: ModelData, args: { sampleWeight?: tf.Tensor } = {}): number | number[] {
  return run(model, x, y, args.sampleWeight, undefined, false);
}
