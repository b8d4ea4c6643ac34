/** `Masking`: marks timesteps whose features all equal `maskValue` as padding (mask) and zeroes them. */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface MaskingArgs extends LayerArgs {
  maskValue?: number;
}

export class Masking extends Layer {
  static override className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = args.maskValue ?? 0;
    this.supportsMasking = true;
  }

  private keep(x: tf.Tensor): tf.Tensor {
    return tf.any(tf.notEqual(x, tf.scalar(this.maskValue, x.dtype)), -1);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.mul(x, tf.cast(tf.expandDims(this.keep(x), -1), x.dtype)));
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[], _mask?: unknown): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => this.keep(x));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }

  static override fromConfig(config: ConfigDict): Masking {
    return new Masking(camelizeKeys(config) as MaskingArgs);
  }
}
