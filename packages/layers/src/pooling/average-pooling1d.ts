/** `AveragePooling1D`: average over 1-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type AveragePooling1DArgs = PoolingArgs;

export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';
  constructor(poolSize: number | number[] = 2, args: AveragePooling1DArgs = {}) {
    super(1, 'avg', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): AveragePooling1D {
    return new AveragePooling1D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as AveragePooling1DArgs);
  }
}
