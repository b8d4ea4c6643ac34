/** `keras.metrics`: the Metric classes, the metric functions, get/serialize/deserialize, and compile resolution. */
export { Metric } from './metric.js';
export type { MetricOptions } from './metric.js';
export { Sum, Mean, MeanMetricWrapper } from './reduction-metrics.js';
export type { MetricFn } from './reduction-metrics.js';
export {
  Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
} from './accuracy-metrics.js';
export type { BinaryAccuracyOptions, TopKOptions } from './accuracy-metrics.js';
export { AUC } from './auc.js';
export type { AUCOptions, AUCCurve, AUCSummationMethod } from './auc.js';
export { TruePositives, FalsePositives, TrueNegatives, FalseNegatives, Precision, Recall } from './confusion-metrics.js';
export type { ThresholdOptions, PrecisionRecallOptions } from './confusion-metrics.js';
export {
  MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, RootMeanSquaredError,
  CosineSimilarity, LogCoshError, cosineSimilarity,
} from './regression-metrics.js';
export {
  meanSquaredError, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredLogarithmicError, logCosh, huber,
  meanSquaredError as mse, meanAbsoluteError as mae, meanAbsolutePercentageError as mape, meanSquaredLogarithmicError as msle,
  logCosh as logcosh,
} from '../losses/regression-fns.js';
export { hinge, squaredHinge, categoricalHinge } from '../losses/hinge-fns.js';
export {
  binaryCrossentropy, binaryFocalCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy, klDivergence, poisson,
  klDivergence as kld,
} from '../losses/probabilistic-fns.js';
export { Hinge, SquaredHinge, CategoricalHinge } from './hinge-metrics.js';
export { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson } from './probabilistic-metrics.js';
export type { CrossentropyMetricOptions, SparseCrossentropyMetricOptions } from './probabilistic-metrics.js';
export {
  accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, topKCategoricalAccuracy, sparseTopKCategoricalAccuracy,
} from './accuracy-fns.js';
export { get, serialize, deserialize, canonicalMetricName, metricClasses, metricFunctionName, METRIC_FUNCTIONS, METRIC_ALIASES } from './registry.js';
export type { MetricFunction, MetricClass, MetricIdentifier, CustomObjects } from './registry.js';
export { resolveMetric } from './resolve.js';
export type { ResolveMetricContext } from './resolve.js';
