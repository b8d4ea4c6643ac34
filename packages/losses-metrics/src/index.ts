/**
 * @keras-ts/losses-metrics: Keras losses and stateful metrics (tf.keras 2.x semantics).
 *
 * `losses` and `metrics` are the `keras.losses` / `keras.metrics` namespaces; the base classes and the
 * compile-time metric resolution are also exported at the top level.
 */
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export { Loss, LossFunctionWrapper } from './losses/loss.js';
export type { LossOptions, LossFn } from './losses/loss.js';
export type { Reduction } from './losses/reduction.js';
export { resolveLoss } from './losses/registry.js';
export { Metric } from './metrics/metric.js';
export type { MetricOptions } from './metrics/metric.js';
export { resolveMetric } from './metrics/resolve.js';
export type { ResolveMetricContext } from './metrics/resolve.js';
export type { ConfigDict, SerializedObject } from './internal/config.js';
