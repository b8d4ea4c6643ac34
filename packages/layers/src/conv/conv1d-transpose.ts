/** `Conv1DTranspose`: transposed temporal convolution, with `output_padding`. */
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Conv1DTransposeArgs = ConvTransposeArgs;

export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';
  constructor(filters: number, kernelSize: number | number[], args: Conv1DTransposeArgs = {}) {
    super(1, filters, kernelSize, args);
  }
  static override fromConfig(config: ConfigDict): Conv1DTranspose {
    return new Conv1DTranspose(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as Conv1DTransposeArgs);
  }
}
