/**
 * `RNNCell`: the per-step computation of a recurrent layer, as the generic {@link RNN} layer drives it.
 *
 * To keep the per-step work small, a cell splits its computation in two: `projectInputs` maps the inputs of
 * every timestep at once (one matmul over `[batch, time, features]` for LSTM/GRU/SimpleRNN), and `step` does
 * the recurrent part for one timestep on the projected input. `beginSequence`/`endSequence` bracket one pass
 * over a sequence: the dropout masks (Keras's cached masks, the same for every step) live between them.
 * Calling a cell directly (`cell.apply([x, ...states])`) returns `[output, ...newStates]`, as Keras's
 * `cell(x, states)` does.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';

export interface StepResult {
  output: tf.Tensor;
  states: tf.Tensor[];
}

/** A whole sequence run at once: every step's output `[batch, time, ...]` in processing order, and the last. */
export interface SequenceResult extends StepResult {
  sequence: tf.Tensor;
}

export abstract class RNNCell extends Layer {
  /** Shapes of the states without the batch dimension (`[[units]]`, `[[units], [units]]` for LSTM). */
  abstract get stateShapes(): number[][];
  /** Shape of one step's output without the batch dimension. */
  abstract get outputShape(): number[];

  /** Rank of one step's input without the batch (1 for vector cells, 3 for ConvLSTM2D's images). */
  get stepRank(): number {
    return 1;
  }

  /** Keras's `state_size`: an int per state for vector states. */
  get stateSize(): Array<number | number[]> {
    return this.stateShapes.map((s) => (s.length === 1 ? s[0] : s));
  }

  /** Maps the inputs of every step at once: `[batch, time, ...]` (or `[batch, ...]` for one step). */
  projectInputs(inputs: tf.Tensor): tf.Tensor {
    return inputs;
  }

  /** One recurrent step on a projected input. */
  abstract step(projected: tf.Tensor, states: tf.Tensor[]): StepResult;

  /**
   * Runs every step of a sequence at once (`projected` = `projectInputs` of the whole sequence), or returns null
   * to be stepped: the default. With `mask` [batch, T], states carry over at masked steps and `sequence` holds
   * every step's state (the layer then makes the masked steps' outputs). Called between `beginSequence` and
   * `endSequence`.
   */
  runSequence(_projected: tf.Tensor, _states: tf.Tensor[], _goBackwards: boolean, _mask: tf.Tensor | null): SequenceResult | null {
    return null;
  }

  /** Prepares one pass over a sequence (dropout masks when training). `inputShape` is one step's shape. */
  beginSequence(_stepInputShape: number[], _training: boolean): void {}
  /** Ends the pass (forgets the masks). */
  endSequence(): void {}

  /** Zero states for a batch. */
  getInitialState(batchSize: number): tf.Tensor[] {
    return this.stateShapes.map((s) => tf.zeros([batchSize, ...s]));
  }

  /** Builds the cell for one step's input shape (`[batch, ...features]`). */
  override build(inputShape: Shape | Shape[]): void {
    super.build(inputShape);
  }

  /** `cell.apply([x, ...states])` → `[output, ...newStates]` for one step. */
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [x, ...given] = list;
    return tf.tidy(() => {
      const states = given.length ? given : this.getInitialState(x.shape[0]);
      if (states.length !== this.stateShapes.length) {
        throw new ValueError(`Cell "${this.name}" expects ${this.stateShapes.length} state(s), but received ${states.length}.`);
      }
      this.beginSequence(x.shape.slice(1), kwargs.training ?? false);
      try {
        const r = this.step(this.projectInputs(x), states);
        return [r.output, ...r.states];
      } finally {
        this.endSequence();
      }
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const first = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [[first[0], ...this.outputShape], ...this.stateShapes.map((s) => [first[0], ...s])];
  }
}

/** Whether a layer is an RNN cell (duck-typed, so user cells that extend RNNCell qualify). */
export function isRNNCell(x: unknown): x is RNNCell {
  return x instanceof RNNCell;
}

export type { LayerArgs };
