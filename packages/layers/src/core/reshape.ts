/** `Reshape`: reshapes to `targetShape` (without the batch axis; one `-1` allowed). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export class Reshape extends Layer {
  static override className = 'Reshape';
  readonly targetShape: number[];
  constructor(targetShape: number[], args: LayerArgs = {}) {
    super(args);
    if (targetShape.filter((d) => d === -1).length > 1 || targetShape.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1))) {
      throw new ValueError(`Layer "${this.name}": invalid target_shape ${JSON.stringify(targetShape)}: dimensions must be positive integers, with at most one -1.`);
    }
    this.targetShape = [...targetShape];
  }
  private resolve(inputShape: Shape): Shape {
    const known = inputShape.slice(1);
    const total = known.some((d) => d == null) ? null : (known as number[]).reduce((a, b) => a * b, 1);
    const fixed = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (total == null) return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    const unknown = this.targetShape.indexOf(-1);
    if (unknown < 0 ? fixed !== total : total % fixed !== 0) {
      throw new ValueError(
        `Layer "${this.name}": total size of the new array must be unchanged, input_shape = ${shapeToString(known)}, output_shape = ${shapeToString(this.targetShape)}`,
      );
    }
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? total / fixed : d))];
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const shape = this.resolve(x.shape) as number[];
    return tf.reshape(x, [x.shape[0], ...shape.slice(1)]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return this.resolve(inputShape);
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), target_shape: this.targetShape };
  }
  static override fromConfig(config: ConfigDict): Reshape {
    return new Reshape(config.target_shape as number[], camelizeKeys(config));
  }
}
