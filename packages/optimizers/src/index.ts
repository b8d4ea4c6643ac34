/**
 * @keras-ts/optimizers: the Keras 3 optimizers (tf.keras >= 2.11 update rules) and learning-rate schedules.
 *
 *   const opt = new Adam({ learningRate: 1e-3 });
 *   opt.applyGradients(grads.map((g, i) => [g, model.trainableWeights[i]]));
 */
export { Optimizer } from './optimizer.js';
export type { OptimizerOptions, LearningRate, SlotInfo, SlotSpec } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';
export { Adam } from './adam.js';
export type { AdamOptions } from './adam.js';
export { AdamW } from './adamw.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaOptions } from './adadelta.js';
export { Adamax } from './adamax.js';
export type { AdamaxOptions } from './adamax.js';
export { Nadam } from './nadam.js';
export type { NadamOptions } from './nadam.js';
export { Ftrl } from './ftrl.js';
export type { FtrlOptions } from './ftrl.js';
export { get, serialize, deserialize, registerOptimizer } from './registry.js';
export { optionsFromConfig } from './options-from-config.js';
export type { OptimizerConfig, SerializedKerasObject, ScheduleConfig } from './config.js';
export * as schedules from './schedules/index.js';
export {
  LearningRateSchedule,
  ExponentialDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  InverseTimeDecay,
  CosineDecay,
  CosineDecayRestarts,
} from './schedules/index.js';
