/**
 * `BaseUpSampling`: UpSampling1D/2D/3D — repeats rows (nearest neighbour), or for UpSampling2D with
 * `interpolation: 'bilinear'` resizes with half-pixel centers (tf.image.resize, as tf.keras 2 does).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError, NotImplementedError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { checkDataFormat, type DataFormat } from '../core/flatten.js';
import { tupleArg } from '../conv/conv-utils.js';
import { repeatElements, upsampleBilinearAxis } from './reshaping-utils.js';

export type Interpolation = 'nearest' | 'bilinear';
const KERAS_INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'];

export interface UpSamplingArgs extends LayerArgs {
  dataFormat?: DataFormat | null;
  interpolation?: Interpolation;
}

export abstract class BaseUpSampling extends Layer {
  readonly rank: number;
  readonly size: number[];
  readonly dataFormat: DataFormat;
  readonly interpolation: Interpolation;

  constructor(rank: number, size: number | number[], args: UpSamplingArgs) {
    super(args);
    this.rank = rank;
    this.size = tupleArg(size, rank, 'size', this.name);
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    const interp = args.interpolation ?? 'nearest';
    if (!KERAS_INTERPOLATIONS.includes(interp)) {
      throw new ValueError(`Layer "${this.name}": \`interpolation\` argument should be one of ${JSON.stringify(KERAS_INTERPOLATIONS)}. Received: "${interp}".`);
    }
    if (interp !== 'nearest' && (interp !== 'bilinear' || rank !== 2)) {
      throw new NotImplementedError(`Layer "${this.name}": interpolation "${interp}" is not supported yet (supported: "nearest"${rank === 2 ? ', "bilinear"' : ''}).`);
    }
    this.interpolation = interp;
    this.inputSpec = new InputSpec({ ndim: rank + 2 });
  }

  protected axis(i: number): number {
    return this.dataFormat === 'channels_last' ? i + 1 : i + 2;
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      if (this.interpolation === 'bilinear') {
        let y = x;
        this.size.forEach((n, i) => (y = upsampleBilinearAxis(y, n, this.axis(i))));
        return y;
      }
      let y = x;
      this.size.forEach((n, i) => (y = repeatElements(y, n, this.axis(i))));
      return y;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    this.size.forEach((n, i) => {
      const ax = this.axis(i);
      const d = inputShape[ax];
      out[ax] = d == null ? null : d * n;
    });
    return out;
  }

  override getConfig(): ConfigDict {
    if (this.rank === 1) return { ...super.getConfig(), size: this.size[0] };
    const config: ConfigDict = { ...super.getConfig(), size: this.size, data_format: this.dataFormat };
    if (this.rank === 2) config.interpolation = this.interpolation;
    return config;
  }
}
