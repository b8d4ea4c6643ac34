/**
 * Loss reductions, `tf.keras.losses.Reduction`: how per-sample losses become the scalar that `apply` returns.
 * 'auto' (tf.keras 2's default) is read as 'sum_over_batch_size'; 'mean' is Keras 3's alias of it;
 * 'mean_with_sample_weight' (Keras 3) divides by the sum of the sample weights.
 */
import * as tf from '@keras-ts/tensor';
import { alignWeights } from '../internal/shapes.js';

export type Reduction = 'sum_over_batch_size' | 'sum' | 'none' | 'mean' | 'mean_with_sample_weight';
export const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum', 'none', 'mean', 'mean_with_sample_weight'];

/** Validates a reduction name (`null` and 'auto' as Keras configs write them). */
export function standardizeReduction(reduction: unknown, where = 'Loss'): Reduction {
  if (reduction === undefined || reduction === 'auto') return 'sum_over_batch_size';
  if (reduction === null) return 'none';
  if (typeof reduction === 'string' && (REDUCTIONS as readonly string[]).includes(reduction)) return reduction as Reduction;
  throw new tf.ValueError(
    `${where}: invalid value for argument \`reduction\`. Expected one of ${REDUCTIONS.map((r) => `'${r}'`).join(', ')} ` +
      `(or 'auto'). Received: reduction=${JSON.stringify(reduction)}`,
  );
}

/**
 * Weights `values` by `sampleWeight` (aligned as tf.keras 2's `compute_weighted_loss` does, then broadcast)
 * and reduces them. Returns a new tensor; call inside `tidy`.
 */
export function reduceWeightedValues(values: tf.Tensor, sampleWeight: tf.Tensor | undefined, reduction: Reduction): tf.Tensor {
  let weighted = values;
  let weights: tf.Tensor | undefined;
  if (sampleWeight !== undefined) {
    weights = alignWeights(values, tf.cast(sampleWeight, values.dtype));
    try {
      weighted = tf.mul(values, weights);
    } catch (e) {
      throw new tf.ShapeError(
        `Loss: sample_weight of shape [${sampleWeight.shape}] cannot be broadcast to the per-sample losses of shape ` +
          `[${values.shape}]. (${(e as Error).message})`,
      );
    }
  }
  if (reduction === 'none' || weighted.rank === 0) return weighted;
  const total = tf.sum(weighted);
  if (reduction === 'sum') return total;
  if (reduction === 'mean_with_sample_weight' && weights !== undefined) return tf.divNoNan(total, tf.sum(weights));
  // The element count is known here: no need for a guarded division (an empty batch gives 0, like divide_no_nan).
  return weighted.size === 0 ? tf.zeros([]) : tf.div(total, weighted.size);
}
