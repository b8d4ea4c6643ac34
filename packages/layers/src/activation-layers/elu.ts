/** `ELU` layer: `x` for `x > 0`, `alpha * (exp(x) - 1)` below. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface ELUArgs extends LayerArgs {
  alpha?: number;
}

export class ELU extends Layer {
  static override className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    const alpha = args.alpha ?? 1.0;
    if (alpha == null || !Number.isFinite(alpha)) throw new ValueError(`Layer "${this.name}": alpha of an ELU layer cannot be None, expecting a float. Received: ${alpha}`);
    this.alpha = alpha;
    this.supportsMasking = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    // relu(x) + alpha * (exp(min(x, 0)) - 1): Keras's elu, written with differentiable ops only
    return tf.tidy(() => tf.add(tf.relu(x), tf.mul(this.alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1))));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  static override fromConfig(config: ConfigDict): ELU {
    return new ELU(camelizeKeys(config) as ELUArgs);
  }
}
