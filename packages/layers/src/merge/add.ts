/** `Add`: element-wise sum of its inputs. */
import * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Add extends Merge {
  static override className = 'Add';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.slice(1).reduce((acc, x) => tf.add(acc, x), inputs[0]);
  }
  static override fromConfig(config: ConfigDict): Add {
    return new Add(camelizeKeys(config));
  }
}
