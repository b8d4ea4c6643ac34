/** `GlobalMaxPooling2D`: maximum over all 2-D spatial positions. */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;

export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling2D';
  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(2, 'max', args);
  }
  static override fromConfig(config: ConfigDict): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(camelizeKeys(config) as GlobalMaxPooling2DArgs);
  }
}
