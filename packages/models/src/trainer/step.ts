/**
 * One training step and one test step: forward, loss (per output, weighted, plus the layers' losses),
 * gradients with a GradientTape, the optimizer update, weight constraints, and metric updates.
 */
import * as tf from '@keras-ts/tensor';
import { GradientTape, RuntimeError, ValueError } from '@keras-ts/tensor';
import type { Model } from '../model.js';
import type { CompiledState } from './compile.js';

function asList(x: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(x) ? x : [x];
}

function forwardLoss(model: Model, c: CompiledState, xs: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null, training: boolean) {
  model.clearCallLosses();
  const preds = asList(model.apply(xs.length === 1 ? xs[0] : xs, { training }) as tf.Tensor | tf.Tensor[]);
  if (ys.length && ys.length !== preds.length) {
    throw new RuntimeError(`Model "${model.name}" returned ${preds.length} output(s) but ${ys.length} target(s) were given.`);
  }
  const perOutput: tf.Tensor[] = [];
  let total: tf.Tensor = tf.scalar(0);
  preds.forEach((p, i) => {
    const loss = c.losses[i];
    if (!loss || !ys[i]) return;
    const l = loss.apply(ys[i], p, sw ?? undefined);
    perOutput[i] = l;
    total = tf.add(total, c.lossWeights[i] === 1 ? l : tf.mul(l, c.lossWeights[i]));
  });
  if (c.losses.every((l) => !l)) {
    throw new ValueError('No loss to compute. Provide a `loss` argument in `compile()`.');
  }
  const extra = model.losses;
  if (extra.length) total = tf.add(total, tf.addN(extra.map((t) => tf.sum(t))));
  return { total, preds, perOutput };
}

function updateMetrics(c: CompiledState, total: tf.Tensor, perOutput: tf.Tensor[], preds: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null, batchSize: number) {
  tf.tidy(() => {
    c.lossTracker.updateState(total, batchSize);
    c.outputLossTrackers.forEach((t, i) => perOutput[i] && t.updateState(perOutput[i], batchSize));
    const metrics = c.ensureMetrics(preds.map((p) => p.shape));
    metrics.forEach((ms, i) => {
      if (!ys[i]) return;
      for (const m of ms) m.updateState(ys[i], preds[i], sw ?? undefined);
    });
  });
}

export function trainStep(model: Model, c: CompiledState, xs: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null): void {
  const vars = model.trainableWeights;
  const tape = new GradientTape();
  const { total, preds, perOutput } = tape.record(() => forwardLoss(model, c, xs, ys, sw, true));
  try {
    if (vars.length) {
      const grads = tape.gradient(total, vars);
      const pairs = grads.map((g, i) => [g, vars[i]] as [tf.Tensor | null, tf.Variable]);
      c.optimizer.applyGradients(pairs);
      tf.dispose(grads.filter((g): g is tf.Tensor => g !== null));
      const constrained = model.constrainedWeights;
      if (constrained.length) {
        tf.tidy(() => {
          for (const { variable, constraint } of constrained) variable.assign(constraint.apply(variable));
        });
      }
    } else tape.dispose();
    updateMetrics(c, total, perOutput, preds, ys, sw, xs[0]?.shape[0] ?? 1);
  } finally {
    tf.dispose([total, ...preds, ...perOutput.filter(Boolean)]);
    model.clearCallLosses();
  }
}

export function testStep(model: Model, c: CompiledState, xs: tf.Tensor[], ys: tf.Tensor[], sw: tf.Tensor | null): void {
  tf.tidy(() => {
    const { total, preds, perOutput } = forwardLoss(model, c, xs, ys, sw, false);
    updateMetrics(c, total, perOutput, preds, ys, sw, xs[0]?.shape[0] ?? 1);
  });
  model.clearCallLosses();
}
