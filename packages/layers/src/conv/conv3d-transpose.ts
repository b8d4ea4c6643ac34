/** `Conv3DTranspose`: transposed 3-D convolution ("deconvolution"), with `output_padding`. */
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv3DTransposeArgs = ConvTransposeArgs;

export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';
  constructor(filters: number, kernelSize: number | number[], args: Conv3DTransposeArgs = {}) {
    super(3, filters, kernelSize, args);
  }
  static override fromConfig(config: ConfigDict): Conv3DTranspose {
    return new Conv3DTranspose(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv3DTransposeArgs);
  }
}
