/** `BasePooling`: Max/Average Pooling 1D/2D/3D (`valid`/`same`, strides default to the pool size, data_format). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { checkDataFormat, checkPadding, convOutputLength, spatialDims, toChannelsFirst, toChannelsLast, tupleArg, withSpatial, type DataFormat } from '../conv/conv-utils.js';

export type PoolMode = 'max' | 'avg';

export interface PoolingArgs extends LayerArgs {
  strides?: number | number[] | null;
  padding?: 'valid' | 'same';
  dataFormat?: DataFormat | null;
}

/**
 * 3-D max pooling as a 2-D max pool over (height, width) followed by one over depth. Max pooling is separable
 * (per-axis SAME padding is independent), so this is exact; it avoids the wasm backend's MaxPool3D kernel, which
 * gives wrong results for overlapping/padded windows (MaxPooling3D fixture cases 6, 7 and 12).
 */
export function maxPool3dSeparable(x: tf.Tensor5D, pool: number[], strides: number[], padding: 'valid' | 'same'): tf.Tensor5D {
  const [b, d, h, w, c] = x.shape;
  const hw = tf.maxPool(tf.reshape(x, [b * d, h, w, c]) as tf.Tensor4D, [pool[1], pool[2]], [strides[1], strides[2]], padding);
  const [, h2, w2] = hw.shape;
  const dd = tf.maxPool(tf.reshape(hw, [b, d, h2 * w2, c]) as tf.Tensor4D, [pool[0], 1], [strides[0], 1], padding);
  return tf.reshape(dd, [b, dd.shape[1], h2, w2, c]);
}

/**
 * 3-D average pooling as 2-D average pools over (height, width) then depth. Exact: the valid cells of a window
 * form a box, so the count factorizes per axis. Avoids tfjs's AvgPool3DGrad, whose gradient is wrong with
 * `same` padding (it divides by the full window size).
 */
export function avgPool3dSeparable(x: tf.Tensor5D, pool: number[], strides: number[], padding: 'valid' | 'same'): tf.Tensor5D {
  const [b, d, h, w, c] = x.shape;
  const hw = tf.avgPool(tf.reshape(x, [b * d, h, w, c]) as tf.Tensor4D, [pool[1], pool[2]], [strides[1], strides[2]], padding);
  const [, h2, w2] = hw.shape;
  const dd = tf.avgPool(tf.reshape(hw, [b, d, h2 * w2, c]) as tf.Tensor4D, [pool[0], 1], [strides[0], 1], padding);
  return tf.reshape(dd, [b, dd.shape[1], h2, w2, c]);
}

export abstract class BasePooling extends Layer {
  readonly rank: number;
  readonly mode: PoolMode;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;

  constructor(rank: number, mode: PoolMode, poolSize: number | number[], args: PoolingArgs) {
    super(args);
    this.rank = rank;
    this.mode = mode;
    this.poolSize = tupleArg(poolSize, rank, 'pool_size', this.name);
    this.strides = tupleArg(args.strides ?? this.poolSize, rank, 'strides', this.name);
    this.padding = checkPadding(args.padding, this.name) as 'valid' | 'same';
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  override build(inputShape: Shape): void {
    const out = this.computeOutputShape(inputShape);
    if (spatialDims(out, this.dataFormat).some((d) => d != null && d <= 0)) {
      throw new ValueError(`Layer "${this.name}": computed output size would be negative or zero. Received: inputs.shape=${JSON.stringify(inputShape)} and pool_size=${JSON.stringify(this.poolSize)} with padding='${this.padding}'.`);
    }
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x0 = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const x = this.dataFormat === 'channels_first' ? toChannelsLast(x0) : x0;
      let y: tf.Tensor;
      if (this.rank === 3 && this.mode === 'max') {
        y = maxPool3dSeparable(x as tf.Tensor5D, this.poolSize, this.strides, this.padding);
      } else if (this.rank === 3) {
        y = avgPool3dSeparable(x as tf.Tensor5D, this.poolSize, this.strides, this.padding);
      } else {
        const f = this.mode === 'max' ? tf.maxPool : tf.avgPool;
        const is1d = this.rank === 1;
        const x4 = (is1d ? tf.expandDims(x, 1) : x) as tf.Tensor4D;
        const pool = (is1d ? [1, this.poolSize[0]] : this.poolSize) as [number, number];
        const strides = (is1d ? [1, this.strides[0]] : this.strides) as [number, number];
        y = f(x4, pool, strides, this.padding);
        if (is1d) y = tf.squeeze(y, [1]);
      }
      return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const spatial = spatialDims(inputShape, this.dataFormat).map((d, i) => convOutputLength(d, this.poolSize[i], this.padding, this.strides[i]));
    const c = this.dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
    return withSpatial(inputShape, spatial, c, this.dataFormat);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), pool_size: this.poolSize, padding: this.padding, strides: this.strides, data_format: this.dataFormat };
  }
}
