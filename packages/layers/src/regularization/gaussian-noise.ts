/** `GaussianNoise`: adds `N(0, stddev)` noise in training; identity otherwise. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface GaussianNoiseArgs extends LayerArgs {
  seed?: number | null;
}

export class GaussianNoise extends Layer {
  static override className = 'GaussianNoise';
  readonly stddev: number;
  readonly seed: number | null;
  constructor(stddev: number, args: GaussianNoiseArgs = {}) {
    super(args);
    if (!(stddev >= 0) || !Number.isFinite(stddev)) {
      throw new ValueError(`Invalid value received for argument \`stddev\`. Expected a non-negative float. Received: stddev=${stddev}`);
    }
    this.stddev = stddev;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.stddev === 0) return x;
    return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, this.stddev, 'float32', this.seed ?? undefined)));
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
  static override fromConfig(config: ConfigDict): GaussianNoise {
    return new GaussianNoise(config.stddev as number, camelizeKeys(config) as GaussianNoiseArgs);
  }
}
