/** `Average`: element-wise mean of its inputs. */
import * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Average extends Merge {
  static override className = 'Average';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return tf.div(inputs.slice(1).reduce((acc, x) => tf.add(acc, x), inputs[0]), inputs.length);
  }
  static override fromConfig(config: ConfigDict): Average {
    return new Average(camelizeKeys(config));
  }
}
