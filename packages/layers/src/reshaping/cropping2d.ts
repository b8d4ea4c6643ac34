/** `Cropping2D`: crops the 2-D spatial axes (cropping: int, per-axis ints, or (before, after) pairs). */
import { BaseCropping, type CroppingArgs } from './base-cropping.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Cropping2DArgs = CroppingArgs;

export class Cropping2D extends BaseCropping {
  static override className = 'Cropping2D';
  constructor(cropping: number | number[] | number[][] = [[0, 0], [0, 0]], args: Cropping2DArgs = {}) {
    super(2, cropping, args);
  }
  static override fromConfig(config: ConfigDict): Cropping2D {
    return new Cropping2D(config.cropping as number | number[] | number[][] ?? [[0, 0], [0, 0]], camelizeKeys(config) as Cropping2DArgs);
  }
}
