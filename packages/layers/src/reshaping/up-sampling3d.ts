/** `UpSampling3D`: upsamples the 3-D spatial axes by repeating rows. */
import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type UpSampling3DArgs = UpSamplingArgs;

export class UpSampling3D extends BaseUpSampling {
  static override className = 'UpSampling3D';
  constructor(size: number | number[] = [2, 2, 2], args: UpSampling3DArgs = {}) {
    super(3, size, args);
  }
  static override fromConfig(config: ConfigDict): UpSampling3D {
    return new UpSampling3D(config.size as number | number[] ?? [2, 2, 2], camelizeKeys(config) as UpSampling3DArgs);
  }
}
