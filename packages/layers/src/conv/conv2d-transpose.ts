/** `Conv2DTranspose`: transposed 2-D convolution ("deconvolution"), with `output_padding`. */
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv2DTransposeArgs = ConvTransposeArgs;

export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';
  constructor(filters: number, kernelSize: number | number[], args: Conv2DTransposeArgs = {}) {
    super(2, filters, kernelSize, args);
  }
  static override fromConfig(config: ConfigDict): Conv2DTranspose {
    return new Conv2DTranspose(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv2DTransposeArgs);
  }
}
