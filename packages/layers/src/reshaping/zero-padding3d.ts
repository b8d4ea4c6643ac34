/** `ZeroPadding3D`: zero-pads the 3-D spatial axes (padding: int, per-axis ints, or (before, after) pairs). */
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type ZeroPadding3DArgs = ZeroPaddingArgs;

export class ZeroPadding3D extends BaseZeroPadding {
  static override className = 'ZeroPadding3D';
  constructor(padding: number | number[] | number[][] = 1, args: ZeroPadding3DArgs = {}) {
    super(3, padding, args);
  }
  static override fromConfig(config: ConfigDict): ZeroPadding3D {
    return new ZeroPadding3D(config.padding as number | number[] | number[][] ?? 1, camelizeKeys(config) as ZeroPadding3DArgs);
  }
}
