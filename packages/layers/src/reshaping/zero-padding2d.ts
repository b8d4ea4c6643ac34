/** `ZeroPadding2D`: zero-pads the 2-D spatial axes (padding: int, per-axis ints, or (before, after) pairs). */
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type ZeroPadding2DArgs = ZeroPaddingArgs;

export class ZeroPadding2D extends BaseZeroPadding {
  static override className = 'ZeroPadding2D';
  constructor(padding: number | number[] | number[][] = 1, args: ZeroPadding2DArgs = {}) {
    super(2, padding, args);
  }
  static override fromConfig(config: ConfigDict): ZeroPadding2D {
    return new ZeroPadding2D(config.padding as number | number[] | number[][] ?? 1, camelizeKeys(config) as ZeroPadding2DArgs);
  }
}
