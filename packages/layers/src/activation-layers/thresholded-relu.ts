/** `ThresholdedReLU`: `x` where `x > theta`, else 0. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface ThresholdedReLUArgs extends LayerArgs {
  theta?: number;
}

export class ThresholdedReLU extends Layer {
  static override className = 'ThresholdedReLU';
  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    const theta = args.theta ?? 1.0;
    if (theta == null || !Number.isFinite(theta)) throw new ValueError(`Layer "${this.name}": theta of a Thresholded ReLU layer cannot be None, expecting a float. Received: ${theta}`);
    if (theta < 0) throw new ValueError(`Layer "${this.name}": the theta value of a Thresholded ReLU layer should be >=0. Received: ${theta}`);
    this.theta = theta;
    this.supportsMasking = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    // step(x - theta) is 1 where x > theta (strictly), 0 elsewhere, and has a (zero) gradient, unlike `greater`
    return tf.tidy(() => tf.mul(x, tf.step(tf.sub(x, this.theta))));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), theta: this.theta };
  }

  static override fromConfig(config: ConfigDict): ThresholdedReLU {
    return new ThresholdedReLU(camelizeKeys(config) as ThresholdedReLUArgs);
  }
}
