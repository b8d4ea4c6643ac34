/** `Cropping1D`: crops the temporal (1-D) spatial axes (cropping: int, per-axis ints, or (before, after) pairs). */
import { BaseCropping, type CroppingArgs } from './base-cropping.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type Cropping1DArgs = Omit<CroppingArgs, 'dataFormat'>;

export class Cropping1D extends BaseCropping {
  static override className = 'Cropping1D';
  constructor(cropping: number | number[] | number[][] = [1, 1], args: Cropping1DArgs = {}) {
    super(1, cropping, args);
  }
  static override fromConfig(config: ConfigDict): Cropping1D {
    return new Cropping1D(config.cropping as number | number[] | number[][] ?? [1, 1], camelizeKeys(config) as Cropping1DArgs);
  }
}
