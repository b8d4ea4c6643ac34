/**
 * For layers that run a whole sequence as one fused op (LSTM, GRU): the outputs and weight gradients of such a
 * layer and of a twin with the same weights that steps (its activation is tanh behind another function, which
 * the fused op does not take), on the same input and mask.
 */
import * as tf from '@keras-ts/tensor';
import type { Layer } from '../engine/layer.js';

export interface PathResult {
  outs: tf.Tensor[];
  grads: tf.Tensor[];
  loss: tf.Tensor;
}

/** An activation equal to tanh that is not the `tanh` function: a layer given it steps. */
export const steppedTanh = (t: tf.Tensor): tf.Tensor => tf.tanh(t);

function run(layer: Layer, x: tf.Tensor, mask: tf.Tensor | null): PathResult {
  const tape = new tf.GradientTape();
  const outs = tape.record(() => {
    const o = layer.apply(x, mask ? { mask } : {}) as tf.Tensor | tf.Tensor[];
    return Array.isArray(o) ? o : [o];
  });
  const loss = tape.record(() => outs.reduce((acc, o, i) => tf.add(acc, tf.sum(tf.mul(o, 0.5 + i))), tf.scalar(0)));
  const grads = tape.gradient(loss, layer.trainableWeights);
  return { outs, grads: grads as tf.Tensor[], loss };
}

/** Runs `fused` and `stepped` (built here, then given `fused`'s weights) on `x` with `mask`. */
export function fusedAndStepped(fused: Layer, stepped: Layer, x: tf.Tensor, mask: tf.Tensor | null = null): { fused: PathResult; stepped: PathResult } {
  fused.build(x.shape);
  stepped.build(x.shape);
  const weights = fused.getWeights();
  stepped.setWeights(weights);
  tf.dispose(weights);
  return { fused: run(fused, x, mask), stepped: run(stepped, x, mask) };
}
