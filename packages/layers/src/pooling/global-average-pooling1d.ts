/** `GlobalAveragePooling1D`: average over all 1-D spatial positions (unmasked steps only when a mask is given). */
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GlobalAveragePooling1DArgs = GlobalPoolingArgs;

export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';
  constructor(args: GlobalAveragePooling1DArgs = {}) {
    super(1, 'avg', args);
  }
  static override fromConfig(config: ConfigDict): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(camelizeKeys(config) as GlobalAveragePooling1DArgs);
  }
}
