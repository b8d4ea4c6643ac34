/** `MaxPooling2D`: maximum over 2-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type MaxPooling2DArgs = PoolingArgs;

export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';
  constructor(poolSize: number | number[] = 2, args: MaxPooling2DArgs = {}) {
    super(2, 'max', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): MaxPooling2D {
    return new MaxPooling2D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as MaxPooling2DArgs);
  }
}
