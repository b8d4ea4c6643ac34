/**
 * The Metric base class (`keras.metrics.Metric`): state lives in non-trainable variables, `updateState`
 * accumulates a batch (in `tidy`, nothing read back), `result` computes the value, `resetState` zeroes it.
 */
import * as tf from '@keras-ts/tensor';
import { type ConfigDict, camelToSnake, camelizeKeys, checkDtype, checkKeys } from '../internal/config.js';

export interface MetricOptions {
  name?: string;
  /** Only 'float32' (or absent) is supported. */
  dtype?: unknown;
}

export interface AddStateOptions {
  name: string;
  shape?: number[];
}

/** Converts an input (tensor, number or nested array) to a tensor the caller need not dispose twice. */
export function toTensor(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return x instanceof tf.Tensor ? x : tf.tensor(x as number[]);
}

export abstract class Metric {
  /** The Keras class name, used in configs. */
  static className = 'Metric';
  /** The name shown in logs (compile may rename it, e.g. to 'acc'). */
  name: string;
  readonly dtype = 'float32';
  private readonly state: tf.Variable[] = [];

  constructor(options: MetricOptions = {}) {
    const cls = (new.target as unknown as { className: string }).className ?? new.target.name;
    checkKeys(options, ['name', 'dtype'], cls);
    checkDtype(options.dtype, cls);
    this.name = options.name ?? camelToSnake(cls);
  }

  /** Creates a zero-initialized state variable, `metric_name/state_name`. */
  protected addState({ name, shape = [] }: AddStateOptions): tf.Variable {
    const v = tf.tidy(() => tf.makeVariable(tf.zeros(shape), { path: `${this.name}/${name}`, trainable: false }));
    this.state.push(v);
    return v;
  }

  /** The state variables (non-trainable). */
  get variables(): tf.Variable[] {
    return [...this.state];
  }

  /** Accumulates one batch. Runs in `tidy`; reads nothing back. */
  abstract updateState(yTrue: tf.Tensor | tf.TensorLike, yPred?: tf.Tensor | tf.TensorLike, sampleWeight?: tf.Tensor | tf.TensorLike | null): void;

  /** The metric's value from the state so far: a scalar (a vector for several thresholds). Caller owns it. */
  abstract result(): tf.Tensor;

  /** Zeroes every state variable. */
  resetState(): void {
    tf.tidy(() => {
      for (const v of this.state) v.assign(tf.zerosLike(v));
    });
  }

  /** Updates with one batch and returns the result so far (Python's `metric(y_true, y_pred)`). */
  apply(yTrue: tf.Tensor | tf.TensorLike, yPred?: tf.Tensor | tf.TensorLike, sampleWeight?: tf.Tensor | tf.TensorLike | null): tf.Tensor {
    this.updateState(yTrue, yPred, sampleWeight);
    return this.result();
  }

  /** Frees the state variables; the metric is unusable afterwards. */
  dispose(): void {
    for (const v of this.state) tf.disposeVariable(v);
    this.state.length = 0;
  }

  getConfig(): ConfigDict {
    return { name: this.name, dtype: this.dtype };
  }

  /** Rebuilds a metric from its Keras config (snake_case keys). */
  static fromConfig<M extends Metric>(this: new (options: never) => M, config: ConfigDict): M {
    return new this(camelizeKeys(config) as never);
  }
}
