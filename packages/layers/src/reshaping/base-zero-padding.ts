/** `BaseZeroPadding`: ZeroPadding1D/2D/3D — adds (before, after) rows of zeros on each spatial axis. */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { checkDataFormat, type DataFormat } from '../core/flatten.js';
import { normalizePairs } from './reshaping-utils.js';

export interface ZeroPaddingArgs extends LayerArgs {
  dataFormat?: DataFormat | null;
}

export abstract class BaseZeroPadding extends Layer {
  readonly rank: number;
  readonly padding: Array<[number, number]>;
  readonly dataFormat: DataFormat;

  constructor(rank: number, padding: unknown, args: ZeroPaddingArgs) {
    super(args);
    this.rank = rank;
    this.padding = normalizePairs(padding, rank, 'padding', this.name);
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  protected axis(i: number): number {
    return this.dataFormat === 'channels_last' ? i + 1 : i + 2;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const pads = x.shape.map(() => [0, 0] as [number, number]);
    this.padding.forEach((p, i) => (pads[this.axis(i)] = p));
    return tf.pad(x, pads);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    this.padding.forEach(([a, b], i) => {
      const ax = this.axis(i);
      const d = inputShape[ax];
      out[ax] = d == null ? null : d + a + b;
    });
    return out;
  }

  override getConfig(): ConfigDict {
    if (this.rank === 1) return { ...super.getConfig(), padding: this.padding[0] };
    return { ...super.getConfig(), padding: this.padding, data_format: this.dataFormat };
  }
}
