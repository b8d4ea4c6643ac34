/** `UnitNormalization`: scales each sample to unit L2 norm over `axis`: `x / sqrt(max(sum(x^2), 1e-12))`. */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { normalizeAxes } from './norm-utils.js';

export interface UnitNormalizationArgs extends LayerArgs {
  axis?: number | number[];
}

export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';
  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : args.axis ?? -1;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    normalizeAxes(this.axis, inputShape.length, this.name);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const axes = normalizeAxes(this.axis, x.rank, this.name);
      const sq = tf.sum(tf.square(x), axes, true);
      return tf.mul(x, tf.rsqrt(tf.maximum(sq, 1e-12)));
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }

  static override fromConfig(config: ConfigDict): UnitNormalization {
    return new UnitNormalization(camelizeKeys(config) as UnitNormalizationArgs);
  }
}
