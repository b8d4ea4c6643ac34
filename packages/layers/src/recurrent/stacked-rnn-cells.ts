/** `StackedRNNCells`: several cells run as one; each cell's output is the next cell's input. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { RNNCell, type StepResult } from './rnn-cell.js';
import type { LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict, CustomObjects, SerializedObject } from '../serialization/registry.js';
import { deserialize, serialize } from '../serialization/layer-serialization.js';

export class StackedRNNCells extends RNNCell {
  static override className = 'StackedRNNCells';
  readonly cells: RNNCell[];

  constructor(cells: RNNCell[], args: LayerArgs = {}) {
    super(args);
    if (!Array.isArray(cells) || cells.length === 0) throw new ValueError('StackedRNNCells needs a non-empty list of cells.');
    for (const c of cells) {
      if (!(c instanceof RNNCell)) throw new ValueError(`All cells must be RNN cells (with \`step\` and \`stateShapes\`). Received: ${String(c)}`);
    }
    this.cells = cells;
    this.multiOutput = true;
  }

  get stateShapes(): number[][] {
    return this.cells.flatMap((c) => c.stateShapes);
  }
  override get stepRank(): number {
    return this.cells[0].stepRank;
  }
  get outputShape(): number[] {
    return this.cells[this.cells.length - 1].outputShape;
  }

  override build(inputShape: Shape | Shape[]): void {
    let shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    for (const c of this.cells) {
      c.maybeBuild(shape);
      shape = [shape[0], ...c.outputShape];
    }
    super.build(inputShape);
  }

  override beginSequence(stepInputShape: number[], training: boolean): void {
    let shape = stepInputShape;
    for (const c of this.cells) {
      c.beginSequence(shape, training);
      shape = [shape[0], ...c.outputShape];
    }
  }
  override endSequence(): void {
    for (const c of this.cells) c.endSequence();
  }

  override projectInputs(inputs: tf.Tensor): tf.Tensor {
    return this.cells[0].projectInputs(inputs);
  }

  step(projected: tf.Tensor, states: tf.Tensor[]): StepResult {
    let offset = 0;
    let out = projected;
    const next: tf.Tensor[] = [];
    this.cells.forEach((c, i) => {
      const n = c.stateShapes.length;
      const r = c.step(i === 0 ? projected : c.projectInputs(out), states.slice(offset, offset + n));
      offset += n;
      out = r.output;
      next.push(...r.states);
    });
    return { output: out, states: next };
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), cells: this.cells.map((c) => serialize(c)) };
  }

  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): StackedRNNCells {
    const cells = ((config.cells as SerializedObject[]) ?? []).map((c) => deserialize(c, { customObjects }) as RNNCell);
    return new StackedRNNCells(cells, { name: config.name as string, trainable: config.trainable as boolean });
  }
}
