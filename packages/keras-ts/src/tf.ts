/**
 * The `tf` namespace: the ops and backend controls of @keras-ts/tensor (incl. `GradientTape`), `tf.keras`
 * (the same object as `keras`), `tf.data`, and `tf.train`.
 */
export * from '@keras-ts/tensor';
export * as keras from './keras/index.js';
export * as train from './train.js';
export * as data from './data.js';
