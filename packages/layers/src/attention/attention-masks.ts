/** Mask helpers shared by the attention layers (Keras's score masks, causal masks and masked softmax). */
import * as tf from '@keras-ts/tensor';

/** Lower-triangular `[tq, tk]` boolean mask: query i attends to keys j <= i. */
export function causalMask(tq: number, tk: number): tf.Tensor {
  return tf.tidy(() => tf.greaterEqual(tf.expandDims(tf.range(0, tq, 1, 'int32'), 1), tf.expandDims(tf.range(0, tk, 1, 'int32'), 0)));
}

/** Logical and of masks (nulls skipped); null when there is none. Masks broadcast. */
export function andMasks(...masks: Array<tf.Tensor | null | undefined>): tf.Tensor | null {
  let out: tf.Tensor | null = null;
  for (const m of masks) {
    if (!m) continue;
    const b = m.dtype === 'bool' ? m : tf.cast(m, 'bool');
    out = out ? tf.logicalAnd(out, b) : b;
  }
  return out;
}

/** `scores - 1e9 * (1 - mask)` (tf.keras 2's padding of masked scores before the softmax). */
export function applyScoreMask(scores: tf.Tensor, mask: tf.Tensor | null): tf.Tensor {
  if (!mask) return scores;
  return tf.sub(scores, tf.mul(tf.sub(1, tf.cast(mask, scores.dtype)), 1e9));
}
