/** `keras.losses`: the Loss classes, the loss functions, and get/serialize/deserialize. */
export { Loss, LossFunctionWrapper } from './loss.js';
export type { LossOptions, LossFn } from './loss.js';
export { standardizeReduction, reduceWeightedValues, REDUCTIONS } from './reduction.js';
export type { Reduction } from './reduction.js';
export {
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  Huber,
  LogCosh,
  CosineSimilarity,
} from './regression-losses.js';
export type { HuberOptions, CosineSimilarityOptions } from './regression-losses.js';
export { Hinge, SquaredHinge, CategoricalHinge } from './hinge-losses.js';
export {
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  SparseCategoricalCrossentropy,
  KLDivergence,
  Poisson,
} from './probabilistic-losses.js';
export type {
  CrossentropyLossOptions,
  BinaryFocalCrossentropyOptions,
  CategoricalFocalCrossentropyOptions,
  SparseCategoricalCrossentropyOptions,
} from './probabilistic-losses.js';
export {
  meanSquaredError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredLogarithmicError,
  huber,
  logCosh,
  cosineSimilarity,
  meanSquaredError as mse,
  meanAbsoluteError as mae,
  meanAbsolutePercentageError as mape,
  meanSquaredLogarithmicError as msle,
  logCosh as logcosh,
} from './regression-fns.js';
export { hinge, squaredHinge, categoricalHinge } from './hinge-fns.js';
export {
  binaryCrossentropy,
  binaryFocalCrossentropy,
  categoricalCrossentropy,
  categoricalFocalCrossentropy,
  sparseCategoricalCrossentropy,
  klDivergence,
  poisson,
  klDivergence as kld,
  klDivergence as kullbackLeiblerDivergence,
} from './probabilistic-fns.js';
export type { CrossentropyOptions, SparseCrossentropyOptions, BinaryFocalOptions, CategoricalFocalOptions } from './probabilistic-fns.js';
export { get, serialize, deserialize, resolveLoss, canonicalLossName, lossClasses, LOSS_FUNCTIONS, LOSS_ALIASES } from './registry.js';
export type { LossClass, LossIdentifier, CustomObjects } from './registry.js';
