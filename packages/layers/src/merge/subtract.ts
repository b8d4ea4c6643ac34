/** `Subtract`: `inputs[0] - inputs[1]` (exactly two inputs). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Subtract extends Merge {
  static override className = 'Subtract';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected override checkInputs(shapes: Shape[]): void {
    if (shapes.length !== 2) {
      throw new ValueError(`Layer "${this.name}": a \`Subtract\` layer should be called on exactly 2 inputs. Received: ${shapes.length} inputs.`);
    }
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return tf.sub(inputs[0], inputs[1]);
  }
  static override fromConfig(config: ConfigDict): Subtract {
    return new Subtract(camelizeKeys(config));
  }
}
