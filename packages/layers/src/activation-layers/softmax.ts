/**
 * `Softmax` layer over `axis` (an int, or several axes normalized together). With a mask, masked positions get
 * `-1e9` added before the softmax (tf.keras 2), so they receive ~0 probability; a mask of lower rank than the
 * input is broadcast over the trailing axes.
 */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { softmax } from '../activations/activations.js';

export interface SoftmaxArgs extends LayerArgs {
  axis?: number | number[];
}

export class Softmax extends Layer {
  static override className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : args.axis ?? -1;
    this.supportsMasking = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x0 = Array.isArray(inputs) ? inputs[0] : inputs;
    const mask = kwargs.mask instanceof tf.Tensor ? kwargs.mask : null;
    return tf.tidy(() => {
      let x = x0;
      if (mask) {
        let m = tf.cast(mask, x.dtype);
        while (m.rank < x.rank) m = tf.expandDims(m, -1);
        x = tf.add(x, tf.mul(tf.sub(1, m), -1e9));
      }
      if (Array.isArray(this.axis)) {
        if (this.axis.length === 1) return softmax(x, this.axis[0]);
        const axes = this.axis.map((a) => (a < 0 ? a + x.rank : a));
        return tf.exp(tf.sub(x, tf.logSumExp(x, axes, true)));
      }
      const out = softmax(x, this.axis);
      // Unmasked, the input itself is the output's logits (tf.keras 2 finds them from the Softmax op in fit's
      // graph): the crossentropies then compute from them.
      if (x === x0 && x.dtype === 'float32') tf.recordLogits(out, x, 'softmax', this.axis);
      return out;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }

  static override fromConfig(config: ConfigDict): Softmax {
    return new Softmax(camelizeKeys(config) as SoftmaxArgs);
  }
}
