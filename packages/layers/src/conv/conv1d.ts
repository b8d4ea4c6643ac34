/** `Conv1D`: temporal convolution (`valid`, `same` or `causal` padding). */
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv1DArgs = BaseConvArgs;

export class Conv1D extends BaseConv {
  static override className = 'Conv1D';
  constructor(filters: number, kernelSize: number | number[], args: Conv1DArgs = {}) {
    super(1, filters, kernelSize, args, { allowCausal: true });
  }
  static override fromConfig(config: ConfigDict): Conv1D {
    return new Conv1D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv1DArgs);
  }
}
