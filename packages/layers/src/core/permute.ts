/** `Permute`: permutes the non-batch axes; `dims` are 1-indexed, as in Keras. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export class Permute extends Layer {
  static override className = 'Permute';
  readonly dims: number[];
  constructor(dims: number[], args: LayerArgs = {}) {
    super(args);
    const sorted = [...dims].sort((a, b) => a - b);
    if (sorted.some((d, i) => d !== i + 1)) {
      throw new ValueError(`Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${JSON.stringify(dims)}`);
    }
    this.dims = [...dims];
    this.inputSpec = new InputSpec({ ndim: dims.length + 1 });
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.transpose(x, [0, ...this.dims]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], ...this.dims.map((d) => inputShape[d])];
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), dims: this.dims };
  }
  static override fromConfig(config: ConfigDict): Permute {
    return new Permute(config.dims as number[], camelizeKeys(config));
  }
}
