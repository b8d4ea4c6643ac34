/**
 * `AlphaDropout`: dropout for SELU networks. In training, dropped inputs are set to SELU's negative saturation
 * value and the result is affinely rescaled to keep the mean and variance; identity at inference.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

const ALPHA = 1.6732632423543772;
const SCALE = 1.0507009873554805;

export interface AlphaDropoutArgs extends LayerArgs {
  noiseShape?: Array<number | null> | null;
  seed?: number | null;
}

export class AlphaDropout extends Layer {
  static override className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;
  constructor(rate: number, args: AlphaDropoutArgs = {}) {
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
    if (!kwargs.training || this.rate <= 0 || this.rate >= 1) return x;
    return tf.tidy(() => {
      const rate = this.rate;
      const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : x.shape;
      const alphaP = -ALPHA * SCALE;
      const kept = tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', this.seed ?? undefined), rate), 'float32');
      const a = ((1 - rate) * (1 + rate * alphaP * alphaP)) ** -0.5;
      const b = -a * alphaP * rate;
      const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), alphaP));
      return tf.add(tf.mul(dropped, a), b);
    });
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noise_shape: this.noiseShape, seed: this.seed };
  }
  static override fromConfig(config: ConfigDict): AlphaDropout {
    return new AlphaDropout(config.rate as number, camelizeKeys(config) as AlphaDropoutArgs);
  }
}
