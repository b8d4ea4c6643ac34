/** `Dropout`: zeroes a fraction `rate` of inputs in training (scaling the rest by 1/(1-rate)); identity at inference. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface DropoutArgs extends LayerArgs {
  noiseShape?: Array<number | null> | null;
  seed?: number | null;
}

export class Dropout extends Layer {
  static override className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;
  constructor(rate: number, args: DropoutArgs = {}) {
    super(args);
    if (!(rate >= 0 && rate <= 1)) {
      throw new ValueError(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rate = rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate === 0) return x;
    return tf.tidy(() => {
      const noise = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : undefined;
      return tf.dropout(x, this.rate, noise, this.seed ?? undefined);
    });
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noise_shape: this.noiseShape, seed: this.seed };
  }
  static override fromConfig(config: ConfigDict): Dropout {
    return new Dropout(config.rate as number, camelizeKeys(config) as DropoutArgs);
  }
}
