/** `GlobalMaxPooling3D`: maximum over all 3-D spatial positions. */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling3D';
  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(3, 'max', args);
  }
  static override fromConfig(config: ConfigDict): GlobalMaxPooling3D {
    return new GlobalMaxPooling3D(camelizeKeys(config) as GlobalMaxPooling3DArgs);
  }
}
