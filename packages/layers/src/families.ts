/**
 * The layer catalogue, one folder a family; each family's index registers its layers and exports them.
 */
export * from './conv/index.js';
export * from './reshaping/index.js';
export * from './pooling/index.js';
export * from './normalization/index.js';
export * from './merge/index.js';
export * from './activation-layers/index.js';
export * from './recurrent/index.js';
export * from './wrappers/index.js';
export * from './embedding/index.js';
export * from './attention/index.js';
export * from './regularization/index.js';
