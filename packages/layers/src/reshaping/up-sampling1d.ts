/** `UpSampling1D`: upsamples the temporal (1-D) spatial axes by repeating rows. */
import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type UpSampling1DArgs = Omit<UpSamplingArgs, 'dataFormat'>;

export class UpSampling1D extends BaseUpSampling {
  static override className = 'UpSampling1D';
  constructor(size: number = 2, args: UpSampling1DArgs = {}) {
    super(1, size, args);
  }
  static override fromConfig(config: ConfigDict): UpSampling1D {
    return new UpSampling1D(config.size as number ?? 2, camelizeKeys(config) as UpSampling1DArgs);
  }
}
