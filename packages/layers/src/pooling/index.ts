/** The pooling family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { MaxPooling1D } from './max-pooling1d.js';
import { GlobalMaxPooling1D } from './global-max-pooling1d.js';
import { MaxPooling2D } from './max-pooling2d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { MaxPooling3D } from './max-pooling3d.js';
import { GlobalMaxPooling3D } from './global-max-pooling3d.js';
import { AveragePooling1D } from './average-pooling1d.js';
import { GlobalAveragePooling1D } from './global-average-pooling1d.js';
import { AveragePooling2D } from './average-pooling2d.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { AveragePooling3D } from './average-pooling3d.js';
import { GlobalAveragePooling3D } from './global-average-pooling3d.js';

registerLayer(MaxPooling1D, 'MaxPool1D');
registerLayer(GlobalMaxPooling1D, 'GlobalMaxPool1D');
registerLayer(MaxPooling2D, 'MaxPool2D');
registerLayer(GlobalMaxPooling2D, 'GlobalMaxPool2D');
registerLayer(MaxPooling3D, 'MaxPool3D');
registerLayer(GlobalMaxPooling3D, 'GlobalMaxPool3D');
registerLayer(AveragePooling1D, 'AvgPool1D');
registerLayer(GlobalAveragePooling1D, 'GlobalAvgPool1D');
registerLayer(AveragePooling2D, 'AvgPool2D');
registerLayer(GlobalAveragePooling2D, 'GlobalAvgPool2D');
registerLayer(AveragePooling3D, 'AvgPool3D');
registerLayer(GlobalAveragePooling3D, 'GlobalAvgPool3D');

export {
  MaxPooling1D,
  GlobalMaxPooling1D,
  MaxPooling2D,
  GlobalMaxPooling2D,
  MaxPooling3D,
  GlobalMaxPooling3D,
  AveragePooling1D,
  GlobalAveragePooling1D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  AveragePooling3D,
  GlobalAveragePooling3D,
};
/** Keras's short aliases (`keras.layers.MaxPool2D` is `MaxPooling2D`). */
export {
  MaxPooling1D as MaxPool1D,
  GlobalMaxPooling1D as GlobalMaxPool1D,
  MaxPooling2D as MaxPool2D,
  GlobalMaxPooling2D as GlobalMaxPool2D,
  MaxPooling3D as MaxPool3D,
  GlobalMaxPooling3D as GlobalMaxPool3D,
  AveragePooling1D as AvgPool1D,
  GlobalAveragePooling1D as GlobalAvgPool1D,
  AveragePooling2D as AvgPool2D,
  GlobalAveragePooling2D as GlobalAvgPool2D,
  AveragePooling3D as AvgPool3D,
  GlobalAveragePooling3D as GlobalAvgPool3D,
};
export { BasePooling, type PoolingArgs, type PoolMode } from './base-pooling.js';
export { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
