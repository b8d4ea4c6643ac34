/** `RepeatVector`: repeats a `[batch, features]` input `n` times → `[batch, n, features]`. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export class RepeatVector extends Layer {
  static override className = 'RepeatVector';
  readonly n: number;
  constructor(n: number, args: LayerArgs = {}) {
    super(args);
    if (!Number.isInteger(n) || n < 1) throw new ValueError(`Expected an integer value for \`n\`, received n=${n}`);
    this.n = n;
    this.inputSpec = new InputSpec({ ndim: 2 });
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.tile(tf.expandDims(x, 1), [1, this.n, 1]));
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.n, inputShape[1]];
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), n: this.n };
  }
  static override fromConfig(config: ConfigDict): RepeatVector {
    return new RepeatVector(config.n as number, camelizeKeys(config));
  }
}
