/**
 * Gradient accumulation without reading back whether this is an update step (as Keras on JAX): the update
 * runs on the mean of the accumulated gradients every step, and is kept only on every `steps`-th step;
 * otherwise every variable gets its value back and the gradients are added to the accumulators.
 */
import * as tf from '@keras-ts/tensor';

export interface AccumulationState {
  iterations: tf.Variable;
  /** The accumulator of each variable, in `variables` order. */
  accumulators: tf.Variable[];
  /** Optimizer state to restore on non-update steps (the iteration count excluded). */
  restorable: tf.Variable[];
  /** The optimizer's update (clipping, decay, `updateStep`s). */
  update(grads: tf.Tensor[], variables: tf.Variable[]): void;
}

/** One accumulation step (call inside the step's `tidy`). */
export function accumulateAndUpdate(grads: tf.Tensor[], variables: tf.Variable[], steps: number, s: AccumulationState): void {
  const isUpdate = tf.equal(tf.mod(tf.add(s.iterations, tf.scalar(1, 'int32')), tf.scalar(steps, 'int32')), 0);
  const summed = grads.map((g, i) => tf.add(g, s.accumulators[i]!));
  const newAccumulated = summed.map((x) => tf.where(isUpdate, tf.zerosLike(x), x));
  const meanOrRaw = summed.map((x, i) => tf.where(isUpdate, tf.div(x, steps), grads[i]!));
  const restorable = [...variables, ...s.restorable];
  const before = restorable.map((v) => tf.clone(v));
  s.update(meanOrRaw, variables);
  restorable.forEach((v, i) => v.assign(tf.where(isUpdate, v, before[i]!)));
  s.accumulators.forEach((a, i) => a.assign(newAccumulated[i]!));
}
