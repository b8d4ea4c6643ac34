/** `GlobalAveragePooling2D`: average over all 2-D spatial positions. */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling2D';
  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(2, 'avg', args);
  }
  static override fromConfig(config: ConfigDict): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(camelizeKeys(config) as GlobalAveragePooling2DArgs);
  }
}
