/** `GlobalMaxPooling1D`: maximum over all 1-D spatial positions. */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling1D';
  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, 'max', args);
  }
  static override fromConfig(config: ConfigDict): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(camelizeKeys(config) as GlobalMaxPooling1DArgs);
  }
}
