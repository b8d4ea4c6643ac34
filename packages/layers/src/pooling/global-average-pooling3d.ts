/** `GlobalAveragePooling3D`: average over all 3-D spatial positions. */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling3D';
  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(3, 'avg', args);
  }
  static override fromConfig(config: ConfigDict): GlobalAveragePooling3D {
    return new GlobalAveragePooling3D(camelizeKeys(config) as GlobalAveragePooling3DArgs);
  }
}
