/** `Conv3D`: 3-D convolution over volumes (`valid` or `same` padding). */
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv3DArgs = BaseConvArgs;

export class Conv3D extends BaseConv {
  static override className = 'Conv3D';
  constructor(filters: number, kernelSize: number | number[], args: Conv3DArgs = {}) {
    super(3, filters, kernelSize, args, { allowCausal: false });
  }
  static override fromConfig(config: ConfigDict): Conv3D {
    return new Conv3D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv3DArgs);
  }
}
