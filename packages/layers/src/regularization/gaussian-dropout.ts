/** `GaussianDropout`: multiplies inputs by `N(1, sqrt(rate/(1-rate)))` noise in training; identity otherwise. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface GaussianDropoutArgs extends LayerArgs {
  seed?: number | null;
}

export class GaussianDropout extends Layer {
  static override className = 'GaussianDropout';
  readonly rate: number;
  readonly seed: number | null;
  constructor(rate: number, args: GaussianDropoutArgs = {}) {
    super(args);
    if (!(rate >= 0 && rate <= 1)) {
      throw new ValueError(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rate = rate;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate <= 0 || this.rate >= 1) return x;
    return tf.tidy(() => {
      const stddev = Math.sqrt(this.rate / (1 - this.rate));
      return tf.mul(x, tf.randomNormal(x.shape, 1, stddev, 'float32', this.seed ?? undefined));
    });
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
  static override fromConfig(config: ConfigDict): GaussianDropout {
    return new GaussianDropout(config.rate as number, camelizeKeys(config) as GaussianDropoutArgs);
  }
}
