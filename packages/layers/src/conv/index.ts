/** The conv family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Conv1D } from './conv1d.js';
import { Conv2D } from './conv2d.js';
import { Conv3D } from './conv3d.js';
import { Conv1DTranspose } from './conv1d-transpose.js';
import { Conv2DTranspose } from './conv2d-transpose.js';
import { Conv3DTranspose } from './conv3d-transpose.js';
import { SeparableConv1D } from './separable-conv1d.js';
import { SeparableConv2D } from './separable-conv2d.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';

registerLayer(Conv1D, 'Convolution1D');
registerLayer(Conv2D, 'Convolution2D');
registerLayer(Conv3D, 'Convolution3D');
registerLayer(Conv1DTranspose, 'Convolution1DTranspose');
registerLayer(Conv2DTranspose, 'Convolution2DTranspose');
registerLayer(Conv3DTranspose, 'Convolution3DTranspose');
registerLayer(SeparableConv1D, 'SeparableConvolution1D');
registerLayer(SeparableConv2D, 'SeparableConvolution2D');
registerLayer(DepthwiseConv2D);

export { Conv1D, Conv2D, Conv3D, Conv1DTranspose, Conv2DTranspose, Conv3DTranspose, SeparableConv1D, SeparableConv2D, DepthwiseConv2D };
export { BaseConv } from './base-conv.js';
export { BaseConvTranspose } from './base-conv-transpose.js';
export { BaseSeparableConv } from './base-separable-conv.js';
export type { BaseConvArgs } from './base-conv.js';
export type { Conv1DArgs } from './conv1d.js';
export type { Conv2DArgs } from './conv2d.js';
export type { Conv3DArgs } from './conv3d.js';
export type { ConvTransposeArgs } from './base-conv-transpose.js';
export type { Conv1DTransposeArgs } from './conv1d-transpose.js';
export type { Conv2DTransposeArgs } from './conv2d-transpose.js';
export type { Conv3DTransposeArgs } from './conv3d-transpose.js';
export type { SeparableConvArgs } from './base-separable-conv.js';
export type { SeparableConv1DArgs } from './separable-conv1d.js';
export type { SeparableConv2DArgs } from './separable-conv2d.js';
export type { DepthwiseConv2DArgs } from './depthwise-conv2d.js';
export { convOutputLength, deconvOutputLength, type ConvPadding } from './conv-utils.js';
