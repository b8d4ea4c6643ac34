/** `MaxPooling3D`: maximum over 3-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type MaxPooling3DArgs = PoolingArgs;

export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';
  constructor(poolSize: number | number[] = 2, args: MaxPooling3DArgs = {}) {
    super(3, 'max', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): MaxPooling3D {
    return new MaxPooling3D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as MaxPooling3DArgs);
  }
}
