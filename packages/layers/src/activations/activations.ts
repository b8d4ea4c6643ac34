/**
 * Keras activations (tf.keras 2 semantics). Identifiers are Keras's: 'relu', 'softmax', 'hard_sigmoid', ...
 * `hard_sigmoid` is tf.keras 2's `clip(0.2x + 0.5, 0, 1)`; configs written by Keras 3 map it to Keras 3's
 * `relu6(x + 3) / 6` (see `getActivation(name, { keras3: true })`).
 */
import * as tf from '@keras-ts/tensor';
import { NotFoundError } from '@keras-ts/tensor';

export type ActivationFn = (x: tf.Tensor) => tf.Tensor;
export type ActivationIdentifier = string | ActivationFn | null | undefined;

export const linear: ActivationFn = (x) => x;
export const relu: ActivationFn = (x) => tf.relu(x);
export const relu6: ActivationFn = (x) => tf.relu6(x);
export const sigmoid: ActivationFn = (x) => tf.sigmoid(x);
export const tanh: ActivationFn = (x) => tf.tanh(x);
export const softplus: ActivationFn = (x) => tf.softplus(x);
export const softsign: ActivationFn = (x) => tf.div(x, tf.add(tf.abs(x), 1));
export const selu: ActivationFn = (x) => tf.selu(x);
export const exponential: ActivationFn = (x) => tf.exp(x);
export const hardSigmoid: ActivationFn = (x) => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
export const hardSigmoidKeras3: ActivationFn = (x) => tf.div(tf.relu6(tf.add(x, 3)), 6);
export const swish: ActivationFn = (x) => tf.mul(x, tf.sigmoid(x));
export const hardSwish: ActivationFn = (x) => tf.mul(x, hardSigmoidKeras3(x));
export const mish: ActivationFn = (x) => tf.mul(x, tf.tanh(tf.softplus(x)));
export const logSigmoid: ActivationFn = (x) => tf.logSigmoid(x);

export function elu(x: tf.Tensor, alpha = 1): tf.Tensor {
  if (alpha === 1) return tf.elu(x);
  // relu(x) + alpha * (exp(min(x, 0)) - 1): equal to ELU everywhere, and differentiable with plain ops.
  return tf.tidy(() => tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1))));
}
export function leakyRelu(x: tf.Tensor, negativeSlope = 0.2): tf.Tensor {
  return tf.leakyRelu(x, negativeSlope);
}
/** Keras's relu with `alpha` (negative slope), `max_value` and `threshold`. */
export function reluWith(x: tf.Tensor, opts: { alpha?: number; maxValue?: number | null; threshold?: number } = {}): tf.Tensor {
  const { alpha = 0, maxValue = null, threshold = 0 } = opts;
  return tf.tidy(() => {
    let y: tf.Tensor;
    if (threshold !== 0) y = tf.where(tf.greaterEqual(x, threshold), x, tf.zerosLike(x));
    else y = tf.relu(x);
    if (maxValue != null) y = tf.minimum(y, maxValue);
    if (alpha !== 0) {
      const neg = threshold !== 0 ? tf.mul(alpha, tf.sub(x, threshold)) : tf.mul(alpha, x);
      y = tf.where(tf.less(x, threshold), neg, y);
    }
    return y;
  });
}
/** Softmax over `axis` (Keras: default -1). Works for any rank. */
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  const rank = x.rank;
  const a = axis < 0 ? axis + rank : axis;
  if (a === rank - 1) return tf.softmax(x);
  return tf.tidy(() => {
    const e = tf.exp(tf.sub(x, tf.max(x, a, true)));
    return tf.div(e, tf.sum(e, a, true));
  });
}
export function logSoftmax(x: tf.Tensor, axis = -1): tf.Tensor {
  const a = axis < 0 ? axis + x.rank : axis;
  if (a === x.rank - 1) return tf.logSoftmax(x);
  return tf.tidy(() => tf.sub(x, tf.logSumExp(x, a, true)));
}
/** GELU; exact (erf) by default as tf.keras 2 (`approximate=False`). */
export function gelu(x: tf.Tensor, approximate = false): tf.Tensor {
  return tf.tidy(() => {
    if (approximate) {
      const c = Math.sqrt(2 / Math.PI);
      const inner = tf.mul(c, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
      return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
    }
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
  });
}

const byName: Record<string, ActivationFn> = {
  linear,
  relu,
  relu6,
  sigmoid,
  tanh,
  softplus,
  softsign,
  selu,
  elu: (x) => elu(x),
  exponential,
  hard_sigmoid: hardSigmoid,
  swish,
  silu: swish,
  hard_swish: hardSwish,
  hard_silu: hardSwish,
  mish,
  gelu: (x) => gelu(x),
  softmax: (x) => softmax(x),
  log_softmax: (x) => logSoftmax(x),
  leaky_relu: (x) => leakyRelu(x),
  log_sigmoid: logSigmoid,
  'keras3>hard_sigmoid': hardSigmoidKeras3,
};

const names = new Map<ActivationFn, string>(Object.entries(byName).map(([k, v]) => [v, k]));

/**
 * `fn(z)`; for Keras's softmax (last axis) and sigmoid, also records `z` as the output's logits, as tf.keras 2
 * does (`_keras_logits`), so that the crossentropies compute from the logits. `owned`: `z` is the caller's own
 * intermediate, which then lives as long as the output (see `recordLogits`).
 */
export function activateRecordingLogits(fn: ActivationFn, z: tf.Tensor, owned: boolean): tf.Tensor {
  const out = fn(z);
  if (out !== z && z.dtype === 'float32') {
    if (fn === sigmoid) tf.recordLogits(out, z, 'sigmoid', -1, owned);
    else if (fn === byName.softmax) tf.recordLogits(out, z, 'softmax', -1, owned);
  }
  return out;
}

/** Resolves an activation identifier (`null`/undefined → linear). Unknown names → NotFoundError. */
export function getActivation(identifier: ActivationIdentifier | { class_name: string; config?: unknown }, opts: { keras3?: boolean } = {}): ActivationFn {
  if (identifier == null) return linear;
  if (typeof identifier === 'function') return identifier;
  let name: string;
  if (typeof identifier === 'object') {
    // Keras 3 may serialize activations as {module: 'keras.activations', class_name: 'function', config: 'relu'}
    const cfg = (identifier as { config?: unknown }).config;
    name = typeof cfg === 'string' ? cfg : identifier.class_name;
  } else name = identifier;
  if (opts.keras3 && name === 'hard_sigmoid') return hardSigmoidKeras3;
  const fn = byName[name];
  if (!fn) {
    throw new NotFoundError(`Unknown activation function: '${name}'. Known activations: ${Object.keys(byName).join(', ')}.`);
  }
  return fn;
}

/** The Keras identifier of an activation (for configs); custom functions use their `name`. */
export function serializeActivation(fn: ActivationFn): string {
  if (fn === hardSigmoidKeras3) return 'hard_sigmoid';
  return names.get(fn) ?? (fn.name || 'custom_activation');
}

export function registerActivation(name: string, fn: ActivationFn): void {
  byName[name] = fn;
  names.set(fn, name);
}
