/**
 * The `keras` namespace: Keras's public API assembled from the keras-ts packages.
 */
export { Input } from '@keras-ts/layers';
export { Model, Sequential } from '@keras-ts/models';
export * as layers from './layers.js';
export * as models from './models.js';
export * as optimizers from '@keras-ts/optimizers';
export { losses, metrics } from '@keras-ts/losses-metrics';
export * as callbacks from '@keras-ts/callbacks';
export { activations, initializers, regularizers, constraints } from '@keras-ts/layers';
export * as utils from './utils.js';
export * as backend from './backend.js';
