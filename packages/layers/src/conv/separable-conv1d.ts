/** `SeparableConv1D`: depthwise-separable 1-D convolution (`valid`, `same` or `causal` padding). */
import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type SeparableConv1DArgs = SeparableConvArgs;

export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';
  constructor(filters: number, kernelSize: number | number[], args: SeparableConv1DArgs = {}) {
    super(1, filters, kernelSize, args);
  }
  static override fromConfig(config: ConfigDict): SeparableConv1D {
    return new SeparableConv1D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as SeparableConv1DArgs);
  }
}
