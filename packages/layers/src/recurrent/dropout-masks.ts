/**
 * Keras's cached RNN dropout masks: one mask for the inputs and one for the recurrent state, drawn once per
 * sequence (the same for every step) and only in training, as `DropoutRNNCellMixin` does.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';

export class DropoutMasks {
  input: tf.Tensor | null = null;
  recurrent: tf.Tensor | null = null;
  constructor(
    readonly dropout: number,
    readonly recurrentDropout: number,
    readonly seed: number | null,
  ) {
    for (const [k, v] of [['dropout', dropout], ['recurrent_dropout', recurrentDropout]] as const) {
      if (!(v >= 0 && v <= 1)) throw new ValueError(`Invalid value received for argument \`${k}\`. Expected a float value between 0 and 1. Received: ${k}=${v}`);
    }
  }

  /** Draws the masks for a pass (`[batch, ...]` shapes), or clears them outside training. */
  begin(inputShape: number[], stateShape: number[], training: boolean): void {
    this.end();
    if (!training) return;
    const draw = (shape: number[], rate: number) => tf.keep(tf.tidy(() => tf.dropout(tf.ones(shape), Math.min(rate, 1 - 1e-7), undefined, this.seed ?? undefined)));
    if (this.dropout > 0) this.input = draw(inputShape, this.dropout);
    if (this.recurrentDropout > 0) this.recurrent = draw(stateShape, this.recurrentDropout);
  }

  end(): void {
    this.input?.dispose();
    this.recurrent?.dispose();
    this.input = null;
    this.recurrent = null;
  }

  /** `x * inputMask` (broadcast over time for `[batch, time, ...]` inputs). */
  applyInput(x: tf.Tensor): tf.Tensor {
    if (!this.input) return x;
    const m = x.rank === this.input.rank + 1 ? tf.expandDims(this.input, 1) : this.input;
    return tf.mul(x, m);
  }

  applyRecurrent(h: tf.Tensor): tf.Tensor {
    return this.recurrent ? tf.mul(h, this.recurrent) : h;
  }
}
