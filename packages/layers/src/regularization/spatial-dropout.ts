/**
 * `SpatialDropout1D/2D/3D`: Dropout that drops whole feature maps (one draw per sample and channel, shared by
 * every step/pixel/voxel), active in training only.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { CallArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import { Dropout, type DropoutArgs } from '../core/dropout.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type DataFormat = 'channels_last' | 'channels_first';

export interface SpatialDropoutArgs extends DropoutArgs {
  dataFormat?: DataFormat | null;
}

function checkFormat(f: string | null | undefined): DataFormat {
  const v = f ?? 'channels_last';
  if (v !== 'channels_last' && v !== 'channels_first') {
    throw new ValueError(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${f}`);
  }
  return v;
}

abstract class SpatialDropout extends Dropout {
  readonly dataFormat: DataFormat;
  constructor(rate: number, rank: number, args: SpatialDropoutArgs) {
    super(rate, args);
    this.dataFormat = checkFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ ndim: rank });
  }
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate === 0) return x;
    return tf.tidy(() => {
      const s = x.shape as number[];
      const noise = this.dataFormat === 'channels_first' ? [s[0], s[1], ...s.slice(2).map(() => 1)] : [s[0], ...s.slice(1, -1).map(() => 1), s[s.length - 1]];
      return tf.dropout(x, this.rate, noise, this.seed ?? undefined);
    });
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

export class SpatialDropout1D extends SpatialDropout {
  static override className = 'SpatialDropout1D';
  constructor(rate: number, args: SpatialDropoutArgs = {}) {
    super(rate, 3, { ...args, dataFormat: 'channels_last' });
  }
  override getConfig(): ConfigDict {
    const { data_format: _f, ...rest } = super.getConfig();
    return rest;
  }
  static override fromConfig(config: ConfigDict): SpatialDropout1D {
    return new SpatialDropout1D(config.rate as number, camelizeKeys(config) as SpatialDropoutArgs);
  }
}

export class SpatialDropout2D extends SpatialDropout {
  static override className = 'SpatialDropout2D';
  constructor(rate: number, args: SpatialDropoutArgs = {}) {
    super(rate, 4, args);
  }
  static override fromConfig(config: ConfigDict): SpatialDropout2D {
    return new SpatialDropout2D(config.rate as number, camelizeKeys(config) as SpatialDropoutArgs);
  }
}

export class SpatialDropout3D extends SpatialDropout {
  static override className = 'SpatialDropout3D';
  constructor(rate: number, args: SpatialDropoutArgs = {}) {
    super(rate, 5, args);
  }
  static override fromConfig(config: ConfigDict): SpatialDropout3D {
    return new SpatialDropout3D(config.rate as number, camelizeKeys(config) as SpatialDropoutArgs);
  }
}
