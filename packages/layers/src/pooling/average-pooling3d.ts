/** `AveragePooling3D`: average over 3-D windows. */
import { BasePooling, type PoolingArgs } from './base-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type AveragePooling3DArgs = PoolingArgs;

export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';
  constructor(poolSize: number | number[] = 2, args: AveragePooling3DArgs = {}) {
    super(3, 'avg', poolSize, args);
  }
  static override fromConfig(config: ConfigDict): AveragePooling3D {
    return new AveragePooling3D((config.pool_size as number[]) ?? 2, camelizeKeys(config) as AveragePooling3DArgs);
  }
}
