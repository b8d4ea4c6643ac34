/**
 * `BaseGlobalPooling`: Global Max/Average Pooling 1D/2D/3D — reduces the spatial axes (`keepdims` keeps them as
 * size 1). GlobalAveragePooling1D averages only unmasked steps when given a mask, as Keras does.
 */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { checkDataFormat, type DataFormat } from '../conv/conv-utils.js';
import type { PoolMode } from './base-pooling.js';

export interface GlobalPoolingArgs extends LayerArgs {
  dataFormat?: DataFormat | null;
  keepdims?: boolean;
}

export abstract class BaseGlobalPooling extends Layer {
  readonly rank: number;
  readonly mode: PoolMode;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(rank: number, mode: PoolMode, args: GlobalPoolingArgs) {
    super(args);
    this.rank = rank;
    this.mode = mode;
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.keepdims = args.keepdims ?? false;
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
    this.supportsMasking = mode === 'avg' && rank === 1;
  }

  protected spatialAxes(): number[] {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const axes = this.spatialAxes();
    const mask = kwargs.mask instanceof tf.Tensor ? kwargs.mask : null;
    return tf.tidy(() => {
      if (this.mode === 'max') return tf.max(x, axes, this.keepdims);
      if (mask && this.rank === 1) {
        const m = tf.expandDims(tf.cast(mask, x.dtype), this.dataFormat === 'channels_last' ? 2 : 1);
        return tf.div(tf.sum(tf.mul(x, m), axes, this.keepdims), tf.sum(m, axes, this.keepdims));
      }
      return tf.mean(x, axes, this.keepdims);
    });
  }

  override computeMask(): null {
    return null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const axes = this.spatialAxes();
    if (this.keepdims) return inputShape.map((d, i) => (axes.includes(i) ? 1 : d));
    return inputShape.filter((_, i) => !axes.includes(i));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), data_format: this.dataFormat, keepdims: this.keepdims };
  }
}
