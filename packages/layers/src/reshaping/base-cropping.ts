/** `BaseCropping`: Cropping1D/2D/3D — removes (before, after) amounts from each spatial axis. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { checkDataFormat, type DataFormat } from '../core/flatten.js';
import { normalizePairs } from './reshaping-utils.js';

export interface CroppingArgs extends LayerArgs {
  dataFormat?: DataFormat | null;
}

export abstract class BaseCropping extends Layer {
  readonly rank: number;
  readonly cropping: Array<[number, number]>;
  readonly dataFormat: DataFormat;

  constructor(rank: number, cropping: unknown, args: CroppingArgs) {
    super(args);
    this.rank = rank;
    this.cropping = normalizePairs(cropping, rank, 'cropping', this.name);
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  /** Axis index of spatial dimension `i`. */
  protected axis(i: number): number {
    return this.dataFormat === 'channels_last' ? i + 1 : i + 2;
  }

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const begin = x.shape.map(() => 0);
    const size = x.shape.map(() => -1);
    this.cropping.forEach(([a, b], i) => {
      const ax = this.axis(i);
      begin[ax] = a;
      size[ax] = x.shape[ax] - a - b;
    });
    return tf.slice(x, begin, size);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    this.cropping.forEach(([a, b], i) => {
      const ax = this.axis(i);
      const d = inputShape[ax];
      if (d == null) return;
      if (a + b >= d) {
        throw new ValueError(
          `Layer "${this.name}": \`cropping\` parameter of \`${(this.constructor as typeof Layer).className}\` layer must be smaller than the input size. Received: inputs.shape=${JSON.stringify(inputShape)}, and cropping=${JSON.stringify(this.cropping)}`,
        );
      }
      out[ax] = d - a - b;
    });
    return out;
  }

  override getConfig(): ConfigDict {
    if (this.rank === 1) return { ...super.getConfig(), cropping: this.cropping[0] };
    return { ...super.getConfig(), cropping: this.cropping, data_format: this.dataFormat };
  }
}
