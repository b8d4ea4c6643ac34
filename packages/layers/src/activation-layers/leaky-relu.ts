/** `LeakyReLU`: `x` for `x >= 0`, `alpha * x` below (tf.keras 2 default alpha 0.3; Keras 3 calls it `negative_slope`). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface LeakyReLUArgs extends LayerArgs {
  alpha?: number;
  /** Keras 3's name for `alpha`. */
  negativeSlope?: number;
}

export class LeakyReLU extends Layer {
  static override className = 'LeakyReLU';
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    const alpha = args.alpha ?? args.negativeSlope ?? 0.3;
    if (alpha == null || !Number.isFinite(alpha) || alpha < 0) {
      throw new ValueError(`Layer "${this.name}": the alpha value of a Leaky ReLU layer cannot be None or negative, expecting a non-negative float. Received: ${alpha}`);
    }
    this.alpha = alpha;
    this.supportsMasking = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.leakyRelu(x, this.alpha);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  static override fromConfig(config: ConfigDict): LeakyReLU {
    return new LeakyReLU(camelizeKeys(config) as LeakyReLUArgs);
  }
}
