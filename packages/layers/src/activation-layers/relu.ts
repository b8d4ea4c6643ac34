/**
 * `ReLU` layer: `max_value` caps the output, `negative_slope` scales inputs below `threshold`, and inputs at or
 * below `threshold` (when set) give zero, exactly as tf.keras 2's `backend.relu`.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface ReLUArgs extends LayerArgs {
  maxValue?: number | null;
  negativeSlope?: number;
  threshold?: number;
}

/** tf.keras 2's `backend.relu(x, alpha, max_value, threshold)`. */
export function kerasRelu(x: tf.Tensor, alpha: number, maxValue: number | null, threshold: number): tf.Tensor {
  return tf.tidy(() => {
    if (alpha !== 0 && maxValue == null && threshold === 0) return tf.leakyRelu(x, alpha);
    let y = threshold !== 0 ? tf.mul(x, tf.step(tf.sub(x, threshold))) : maxValue === 6 ? tf.relu6(x) : tf.relu(x);
    if (maxValue != null && maxValue !== 6) y = tf.clipByValue(y, 0, maxValue);
    else if (maxValue === 6 && threshold !== 0) y = tf.clipByValue(y, 0, 6);
    if (alpha !== 0) {
      const negative = threshold !== 0 ? tf.relu(tf.sub(threshold, x)) : tf.relu(tf.neg(x));
      y = tf.sub(y, tf.mul(alpha, negative));
    }
    return y;
  });
}

export class ReLU extends Layer {
  static override className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const { maxValue = null, negativeSlope = 0, threshold = 0 } = args;
    if (maxValue != null && maxValue < 0) throw new ValueError(`Layer "${this.name}": max_value of a ReLU layer cannot be a negative value. Received: ${maxValue}`);
    if (negativeSlope == null || negativeSlope < 0) throw new ValueError(`Layer "${this.name}": negative_slope of a ReLU layer cannot be a negative value. Received: ${negativeSlope}`);
    if (threshold == null || threshold < 0) throw new ValueError(`Layer "${this.name}": threshold of a ReLU layer cannot be a negative value. Received: ${threshold}`);
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
    this.supportsMasking = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return kerasRelu(x, this.negativeSlope, this.maxValue, this.threshold);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), max_value: this.maxValue, negative_slope: this.negativeSlope, threshold: this.threshold };
  }

  static override fromConfig(config: ConfigDict): ReLU {
    return new ReLU(camelizeKeys(config) as ReLUArgs);
  }
}
