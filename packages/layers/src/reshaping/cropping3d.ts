/** `Cropping3D`: crops the 3-D spatial axes (cropping: int, per-axis ints, or (before, after) pairs). */
import { BaseCropping, type CroppingArgs } from './base-cropping.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Cropping3DArgs = CroppingArgs;

export class Cropping3D extends BaseCropping {
  static override className = 'Cropping3D';
  constructor(cropping: number | number[] | number[][] = [[1, 1], [1, 1], [1, 1]], args: Cropping3DArgs = {}) {
    super(3, cropping, args);
  }
  static override fromConfig(config: ConfigDict): Cropping3D {
    return new Cropping3D(config.cropping as number | number[] | number[][] ?? [[1, 1], [1, 1], [1, 1]], camelizeKeys(config) as Cropping3DArgs);
  }
}
