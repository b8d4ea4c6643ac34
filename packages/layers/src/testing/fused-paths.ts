/**
 * For layers that run a whole sequence as one fused op without a mask and step with one (LSTM, GRU): the
 * outputs of both paths on the same input (no mask, and a mask of all ones) and the gradients of the layer's
 * trainable weights through each.
 */
import * as tf from '@keras-ts/tensor';
import type { Layer } from '../engine/layer.js';

export interface PathResult {
  outs: tf.Tensor[];
  grads: tf.Tensor[];
  loss: tf.Tensor;
}

export function fusedAndStepped(layer: Layer, x: tf.Tensor): { fused: PathResult; stepped: PathResult } {
  const mask = tf.ones(x.shape.slice(0, 2), 'bool');
  const run = (withMask: boolean): PathResult => {
    const tape = new tf.GradientTape();
    const outs = tape.record(() => {
      const o = layer.apply(x, withMask ? { mask } : {}) as tf.Tensor | tf.Tensor[];
      return Array.isArray(o) ? o : [o];
    });
    const loss = tape.record(() => outs.reduce((acc, o, i) => tf.add(acc, tf.sum(tf.mul(o, 0.5 + i))), tf.scalar(0)));
    const grads = tape.gradient(loss, layer.trainableWeights);
    return { outs, grads: grads as tf.Tensor[], loss };
  };
  const fused = run(false), stepped = run(true);
  mask.dispose();
  return { fused, stepped };
}
