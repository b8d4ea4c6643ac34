/** `SeparableConv2D`: depthwise-separable 2-D convolution. */
import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type SeparableConv2DArgs = SeparableConvArgs;

export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';
  constructor(filters: number, kernelSize: number | number[], args: SeparableConv2DArgs = {}) {
    super(2, filters, kernelSize, args);
  }
  static override fromConfig(config: ConfigDict): SeparableConv2D {
    return new SeparableConv2D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as SeparableConv2DArgs);
  }
}
