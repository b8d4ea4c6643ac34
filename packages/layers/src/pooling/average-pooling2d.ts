/** `AveragePooling2D`: average over 2-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type AveragePooling2DArgs = PoolingArgs;

export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';
  constructor(poolSize: number | number[] = 2, args: AveragePooling2DArgs = {}) {
    super(2, 'avg', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): AveragePooling2D {
    return new AveragePooling2D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as AveragePooling2DArgs);
  }
}
