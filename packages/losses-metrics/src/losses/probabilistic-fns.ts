/**
 * Probabilistic losses as functions: crossentropies, KL divergence, Poisson. Formulas follow tf.keras 2.x
 * (`tf_keras/backend.py`); where Keras 3 differs the difference is noted. Each runs in `tidy`.
 */
import * as tf from '@keras-ts/tensor';
import { EPSILON, asFloat, normAxis } from '../internal/shapes.js';

type T = tf.Tensor;

export interface CrossentropyOptions {
  fromLogits?: boolean;
  labelSmoothing?: number;
  axis?: number;
}
export interface SparseCrossentropyOptions {
  fromLogits?: boolean;
  ignoreClass?: number | null;
  axis?: number;
}
export interface BinaryFocalOptions extends CrossentropyOptions {
  applyClassBalancing?: boolean;
  alpha?: number;
  gamma?: number;
}

/** `log_softmax` along any axis (tfjs's own only takes the last). */
export function logSoftmax(logits: T, axis: number): T {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), axis, true)));
  });
}

/** Elementwise binary crossentropy of probabilities or logits (no reduction). */
export function binaryCrossentropyElementwise(target: T, output: T, fromLogits: boolean): T {
  return tf.tidy(() => {
    if (fromLogits) {
      // sigmoid_cross_entropy_with_logits: max(x, 0) - x·z + log(1 + exp(-|x|)).
      return tf.add(tf.sub(tf.relu(output), tf.mul(output, target)), tf.log1p(tf.exp(tf.neg(tf.abs(output)))));
    }
    // tf.keras 2 adds epsilon inside the logs after clipping (Keras 3 does not: it differs only near 0 and 1).
    const p = tf.clipByValue(output, EPSILON, 1 - EPSILON);
    const pos = tf.mul(target, tf.log(tf.add(p, EPSILON)));
    const neg = tf.mul(tf.sub(1, target), tf.log(tf.add(tf.sub(1, p), EPSILON)));
    return tf.neg(tf.add(pos, neg));
  });
}

const warned = new Set<string>();

/**
 * The logits behind `yPred` when an activation recorded them (tf.keras 2's `_get_logits`): a softmax (over
 * `axis`) or sigmoid output is then taken from its logits, as `from_logits=True`. Keras warns when
 * `from_logits=True` is passed for such an output, and uses the logits all the same.
 */
function recordedLogits(yPred: T, kind: tf.LogitsKind, axis: number, fromLogits: boolean, what: string): T | null {
  const logits = tf.logitsOf(yPred, kind, axis);
  if (logits && fromLogits && !warned.has(what)) {
    warned.add(what);
    console.warn(
      `keras-ts: "\`${what}\` received \`from_logits=True\`, but the \`output\` argument was produced by a ` +
        `${kind === 'softmax' ? 'Softmax' : 'Sigmoid'} activation and thus does not represent logits. Was this intended?"`,
    );
  }
  return logits;
}

/**
 * `softmax_cross_entropy_with_logits` over `axis`, with TensorFlow's gradients: d/dlogits = (softmax - labels)
 * * dy and d/dlabels = -log_softmax * dy, each one product instead of the autodiff of log_softmax's ops.
 */
export function softmaxCrossEntropyWithLogits(labels: T, logits: T, axis: number): T {
  const forward = (t: T, z: T, save: tf.GradSaveFunc) => {
    const logProb = logSoftmax(z, axis);
    save([t, logProb]);
    return {
      value: tf.neg(tf.sum(tf.mul(t, logProb), axis)),
      gradFunc: (dy: T, saved: T[]) => {
        const [t0, lp] = saved as [T, T];
        const g = tf.expandDims(dy, axis);
        return [tf.mul(tf.neg(lp), g), tf.mul(tf.sub(tf.exp(lp), t0), g)];
      },
    };
  };
  return tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0])(labels, logits);
}

function checkSmoothing(labelSmoothing: number, what: string): void {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new tf.ValueError(`${what}: label_smoothing must be in [0, 1]. Received: label_smoothing=${labelSmoothing}`);
  }
}

function sameShape(yTrue: T, yPred: T, what: string): void {
  if (yTrue.rank !== yPred.rank || yTrue.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new tf.ShapeError(
      `${what}: y_true and y_pred must have the same shape. Received: y_true.shape=[${yTrue.shape}], ` +
        `y_pred.shape=[${yPred.shape}]`,
    );
  }
}

/** Binary crossentropy, averaged over `axis` (default the last). */
export function binaryCrossentropy(yTrue: T, yPred: T, options: CrossentropyOptions = {}): T {
  const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  checkSmoothing(labelSmoothing, 'binary_crossentropy');
  return tf.tidy(() => {
    let t = asFloat(yTrue);
    const logits = recordedLogits(yPred, 'sigmoid', axis, fromLogits, 'binary_crossentropy');
    const p = asFloat(logits ?? yPred);
    if (labelSmoothing) t = tf.add(tf.mul(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
    return tf.mean(binaryCrossentropyElementwise(t, p, fromLogits || logits !== null), axis);
  });
}

/** Binary focal crossentropy (Lin et al. 2017): `(1 - p_t)^gamma · bce`, optionally class-balanced by `alpha`. */
export function binaryFocalCrossentropy(yTrue: T, yPred: T, options: BinaryFocalOptions = {}): T {
  const { fromLogits = false, labelSmoothing = 0, axis = -1, applyClassBalancing = false, alpha = 0.25, gamma = 2.0 } = options;
  checkSmoothing(labelSmoothing, 'binary_focal_crossentropy');
  return tf.tidy(() => {
    let t = asFloat(yTrue);
    const p = asFloat(yPred);
    if (labelSmoothing) t = tf.add(tf.mul(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
    const sigmoidal = fromLogits ? tf.sigmoid(p) : p;
    const pT = tf.add(tf.mul(t, sigmoidal), tf.mul(tf.sub(1, t), tf.sub(1, sigmoidal)));
    const focalFactor = tf.pow(tf.sub(1, pT), gamma);
    // tf.keras 2 takes the crossentropy of the logits themselves (Keras 3: of the clipped sigmoid).
    let focal = tf.mul(focalFactor, binaryCrossentropyElementwise(t, p, fromLogits));
    if (applyClassBalancing) focal = tf.mul(focal, tf.add(tf.mul(t, alpha), tf.mul(tf.sub(1, t), 1 - alpha)));
    return tf.mean(focal, axis);
  });
}

/** Categorical crossentropy of one-hot (or soft) labels, summed over `axis`. */
export function categoricalCrossentropy(yTrue: T, yPred: T, options: CrossentropyOptions = {}): T {
  const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  checkSmoothing(labelSmoothing, 'categorical_crossentropy');
  return tf.tidy(() => {
    let t = asFloat(yTrue);
    const logits = recordedLogits(yPred, 'softmax', axis, fromLogits, 'categorical_crossentropy');
    const p = asFloat(logits ?? yPred);
    sameShape(t, p, 'categorical_crossentropy');
    const ax = normAxis(axis, p.rank, 'categorical_crossentropy');
    if (labelSmoothing) t = tf.add(tf.mul(t, 1 - labelSmoothing), labelSmoothing / p.shape[ax]);
    if (fromLogits || logits !== null) return softmaxCrossEntropyWithLogits(t, p, ax);
    const logProb = tf.log(tf.clipByValue(tf.div(p, tf.sum(p, ax, true)), EPSILON, 1 - EPSILON));
    return tf.neg(tf.sum(tf.mul(t, logProb), ax));
  });
}

export interface CategoricalFocalOptions extends CrossentropyOptions {
  alpha?: number;
  gamma?: number;
}

/** Categorical focal crossentropy: `sum(alpha · (1 - p)^gamma · -yTrue · log(p), axis)`. */
export function categoricalFocalCrossentropy(yTrue: T, yPred: T, options: CategoricalFocalOptions = {}): T {
  const { fromLogits = false, labelSmoothing = 0, axis = -1, alpha = 0.25, gamma = 2.0 } = options;
  checkSmoothing(labelSmoothing, 'categorical_focal_crossentropy');
  return tf.tidy(() => {
    let t = asFloat(yTrue);
    let p = asFloat(yPred);
    sameShape(t, p, 'categorical_focal_crossentropy');
    const ax = normAxis(axis, p.rank, 'categorical_focal_crossentropy');
    if (labelSmoothing) t = tf.add(tf.mul(t, 1 - labelSmoothing), labelSmoothing / p.shape[ax]);
    if (fromLogits) p = tf.exp(logSoftmax(p, ax));
    const output = tf.clipByValue(tf.div(p, tf.sum(p, ax, true)), EPSILON, 1 - EPSILON);
    const cce = tf.mul(tf.neg(t), tf.log(output));
    const weighting = tf.mul(tf.pow(tf.sub(1, output), gamma), alpha);
    return tf.sum(tf.mul(weighting, cce), ax);
  });
}

/**
 * Sparse categorical crossentropy with its validity mask (set when `ignoreClass` is given: entries whose
 * label is `ignoreClass` get loss 0 and mask false, and reductions average over the valid ones only).
 */
export function sparseCategoricalCrossentropyMasked(yTrue: T, yPred: T, options: SparseCrossentropyOptions = {}): { losses: T; mask?: T } {
  const { fromLogits = false, ignoreClass = null, axis = -1 } = options;
  return tf.tidy(() => {
    const recorded = recordedLogits(yPred, 'softmax', axis, fromLogits, 'sparse_categorical_crossentropy');
    const p = asFloat(recorded ?? yPred);
    const ax = normAxis(axis, p.rank, 'sparse_categorical_crossentropy');
    let labels = yTrue instanceof tf.Tensor ? yTrue : tf.tensor(yTrue as number[]);
    if (labels.rank === p.rank && labels.shape[ax] === 1) labels = tf.squeeze(labels, [ax]);
    const resShape = p.shape.filter((_, i) => i !== ax);
    if (labels.rank !== resShape.length || labels.shape.some((d, i) => d !== resShape[i])) {
      throw new tf.ShapeError(
        `sparse_categorical_crossentropy: y_true must have the shape of y_pred without its class axis ${axis}: ` +
          `expected [${resShape}] (or with a trailing 1), received y_true.shape=[${yTrue.shape}] for ` +
          `y_pred.shape=[${p.shape}].`,
      );
    }
    // tf.keras 2: clip the probabilities, take logs, then a softmax crossentropy of those logs.
    const logits = fromLogits || recorded !== null ? p : tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON));
    let classesLast = logits;
    if (ax !== p.rank - 1) {
      const perm = [...p.shape.keys()].filter((i) => i !== ax).concat([ax]);
      classesLast = tf.transpose(logits, perm);
    }
    let valid: T | undefined;
    let idx = tf.cast(labels, 'int32');
    if (ignoreClass !== null && ignoreClass !== undefined) {
      valid = tf.notEqual(idx, tf.scalar(ignoreClass, 'int32'));
      idx = tf.where(valid, idx, tf.zerosLike(idx));
    }
    const oneHot = tf.oneHot(tf.reshape(idx, [-1]), p.shape[ax]);
    const flat = tf.reshape(classesLast, [-1, p.shape[ax]]);
    let losses = tf.reshape(softmaxCrossEntropyWithLogits(oneHot, flat, 1), resShape);
    if (valid) losses = tf.where(valid, losses, tf.zerosLike(losses));
    return valid ? { losses, mask: valid } : { losses };
  });
}

/** Sparse categorical crossentropy of integer labels (class indices). */
export function sparseCategoricalCrossentropy(yTrue: T, yPred: T, options: SparseCrossentropyOptions = {}): T {
  const { losses, mask } = sparseCategoricalCrossentropyMasked(yTrue, yPred, options);
  if (mask) mask.dispose();
  return losses;
}

/** `sum(yTrue * log(yTrue / yPred), axis=-1)` with both clipped to `[epsilon, 1]`. */
export function klDivergence(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const t = tf.clipByValue(asFloat(yTrue), EPSILON, 1);
    const p = tf.clipByValue(asFloat(yPred), EPSILON, 1);
    return tf.sum(tf.mul(t, tf.log(tf.div(t, p))), -1);
  });
}

/** `mean(yPred - yTrue * log(yPred + epsilon), axis=-1)`. */
export function poisson(yTrue: T, yPred: T): T {
  return tf.tidy(() => {
    const t = asFloat(yTrue);
    const p = asFloat(yPred);
    return tf.mean(tf.sub(p, tf.mul(t, tf.log(tf.add(p, EPSILON)))), -1);
  });
}
