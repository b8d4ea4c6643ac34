/** `Maximum`: element-wise maximum of its inputs. */
import * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { Merge } from './base-merge.js';

export class Maximum extends Merge {
  static override className = 'Maximum';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.slice(1).reduce((acc, x) => tf.maximum(acc, x), inputs[0]);
  }
  static override fromConfig(config: ConfigDict): Maximum {
    return new Maximum(camelizeKeys(config));
  }
}
