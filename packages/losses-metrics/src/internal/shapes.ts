/**
 * Rank alignment of labels, predictions and sample weights, as tf.keras 2.x does it
 * (`losses_utils.squeeze_or_expand_dimensions`). Call inside `tidy`.
 */
import * as tf from '@keras-ts/tensor';

/** Float32 epsilon of `keras.backend.epsilon()`. */
export const EPSILON = 1e-7;

function lastDim(x: tf.Tensor): number {
  return x.shape[x.rank - 1];
}

/**
 * Removes a trailing size-1 axis from whichever of `yTrue`/`yPred` has one rank more than the other
 * (tf.keras 2 never expands: labels `[b]` with predictions `[b, 1]` become both `[b]`).
 */
export function squeezeLabels(yTrue: tf.Tensor, yPred: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const diff = yPred.rank - yTrue.rank;
  if (diff === 1 && lastDim(yPred) === 1) return [yTrue, tf.squeeze(yPred, [-1])];
  if (diff === -1 && lastDim(yTrue) === 1) return [tf.squeeze(yTrue, [-1]), yPred];
  return [yTrue, yPred];
}

/** Aligns a sample weight to `values`: squeezes a trailing 1, or appends an axis, when ranks differ by one. */
export function alignWeights(values: tf.Tensor, sampleWeight: tf.Tensor): tf.Tensor {
  if (sampleWeight.rank === 0) return sampleWeight;
  const diff = sampleWeight.rank - values.rank;
  if (diff === 1 && lastDim(sampleWeight) === 1) return tf.squeeze(sampleWeight, [-1]);
  if (diff === -1) return tf.expandDims(sampleWeight, -1);
  return sampleWeight;
}

/** Converts a number, array or tensor to a float32 tensor (tensors are cast, not copied). */
export function asFloat(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  if (x instanceof tf.Tensor) return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  return tf.tensor(x as number[], undefined, 'float32');
}

/** Normalizes a possibly negative axis. */
export function normAxis(axis: number, rank: number, what: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new tf.ValueError(`${what}: axis ${axis} is out of range for a tensor of rank ${rank}.`);
  return a;
}

/** Runs `f`, turning a raw backend error (e.g. shapes that do not broadcast) into a ShapeError naming `what`. */
export function withShapeContext<R>(what: string, yTrue: tf.Tensor, yPred: tf.Tensor, f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof tf.KerasError) throw e;
    throw new tf.ShapeError(
      `${what}: cannot compute on y_true.shape=[${yTrue.shape}] and y_pred.shape=[${yPred.shape}]: ${(e as Error).message}`,
    );
  }
}
