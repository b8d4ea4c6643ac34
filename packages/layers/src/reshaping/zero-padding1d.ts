/** `ZeroPadding1D`: zero-pads the temporal (1-D) spatial axes (padding: int, per-axis ints, or (before, after) pairs). */
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type ZeroPadding1DArgs = ZeroPaddingArgs;

export class ZeroPadding1D extends BaseZeroPadding {
  static override className = 'ZeroPadding1D';
  constructor(padding: number | number[] | number[][] = 1, args: ZeroPadding1DArgs = {}) {
    super(1, padding, args);
  }
  static override fromConfig(config: ConfigDict): ZeroPadding1D {
    return new ZeroPadding1D(config.padding as number | number[] | number[][] ?? 1, camelizeKeys(config) as ZeroPadding1DArgs);
  }
}
