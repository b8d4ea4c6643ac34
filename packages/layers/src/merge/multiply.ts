/** `Multiply`: element-wise product of its inputs. */
import * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Multiply extends Merge {
  static override className = 'Multiply';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.slice(1).reduce((acc, x) => tf.mul(acc, x), inputs[0]);
  }
  static override fromConfig(config: ConfigDict): Multiply {
    return new Multiply(camelizeKeys(config));
  }
}
