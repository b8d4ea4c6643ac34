/** `Conv2D`: 2-D convolution over images (`valid` or `same` padding). */
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv2DArgs = BaseConvArgs;

export class Conv2D extends BaseConv {
  static override className = 'Conv2D';
  constructor(filters: number, kernelSize: number | number[], args: Conv2DArgs = {}) {
    super(2, filters, kernelSize, args, { allowCausal: false });
  }
  static override fromConfig(config: ConfigDict): Conv2D {
    return new Conv2D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv2DArgs);
  }
}
