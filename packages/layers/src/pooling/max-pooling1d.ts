/** `MaxPooling1D`: maximum over 1-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type MaxPooling1DArgs = PoolingArgs;

export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';
  constructor(poolSize: number | number[] = 2, args: MaxPooling1DArgs = {}) {
    super(1, 'max', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): MaxPooling1D {
    return new MaxPooling1D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as MaxPooling1DArgs);
  }
}
