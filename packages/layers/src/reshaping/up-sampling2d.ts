/** `UpSampling2D`: upsamples the 2-D spatial axes by repeating rows (or bilinear interpolation). */
import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type UpSampling2DArgs = UpSamplingArgs;

export class UpSampling2D extends BaseUpSampling {
  static override className = 'UpSampling2D';
  constructor(size: number | number[] = [2, 2], args: UpSampling2DArgs = {}) {
    super(2, size, args);
  }
  static override fromConfig(config: ConfigDict): UpSampling2D {
    return new UpSampling2D(config.size as number | number[] ?? [2, 2], camelizeKeys(config) as UpSampling2DArgs);
  }
}
