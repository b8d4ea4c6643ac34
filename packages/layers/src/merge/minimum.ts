/** `Minimum`: element-wise minimum of its inputs. */
import * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Minimum extends Merge {
  static override className = 'Minimum';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.slice(1).reduce((acc, x) => tf.minimum(acc, x), inputs[0]);
  }
  static override fromConfig(config: ConfigDict): Minimum {
    return new Minimum(camelizeKeys(config));
  }
}
