/** The reshaping family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Cropping1D } from './cropping1d.js';
import { Cropping2D } from './cropping2d.js';
import { Cropping3D } from './cropping3d.js';
import { UpSampling1D } from './up-sampling1d.js';
import { UpSampling2D } from './up-sampling2d.js';
import { UpSampling3D } from './up-sampling3d.js';
import { ZeroPadding1D } from './zero-padding1d.js';
import { ZeroPadding2D } from './zero-padding2d.js';
import { ZeroPadding3D } from './zero-padding3d.js';

for (const cls of [Cropping1D, Cropping2D, Cropping3D, UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D]) registerLayer(cls);

export { Cropping1D, Cropping2D, Cropping3D, UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D };
export { BaseCropping } from './base-cropping.js';
export { BaseUpSampling } from './base-up-sampling.js';
export { BaseZeroPadding } from './base-zero-padding.js';
export type { CroppingArgs } from './base-cropping.js';
export type { UpSamplingArgs, Interpolation } from './base-up-sampling.js';
export type { ZeroPaddingArgs } from './base-zero-padding.js';
export type { Cropping1DArgs } from './cropping1d.js';
export type { Cropping2DArgs } from './cropping2d.js';
export type { Cropping3DArgs } from './cropping3d.js';
export type { UpSampling1DArgs } from './up-sampling1d.js';
export type { UpSampling2DArgs } from './up-sampling2d.js';
export type { UpSampling3DArgs } from './up-sampling3d.js';
export type { ZeroPadding1DArgs } from './zero-padding1d.js';
export type { ZeroPadding2DArgs } from './zero-padding2d.js';
export type { ZeroPadding3DArgs } from './zero-padding3d.js';
