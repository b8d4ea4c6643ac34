/** Keras weight constraints, applied to a weight after each optimizer update. */
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import type { ConfigDict, SerializedObject } from '../serialization/registry.js';
import { isSerializedObject, lookupClass, registerClass } from '../serialization/registry.js';

export abstract class Constraint {
  static className = 'Constraint';
  abstract apply(w: tf.Tensor): tf.Tensor;
  getConfig(): ConfigDict {
    return {};
  }
}

function norms(w: tf.Tensor, axis: number | number[]): tf.Tensor {
  return tf.sqrt(tf.sum(tf.square(w), axis, true));
}
const EPS = 1e-7;

export class MaxNorm extends Constraint {
  static override className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: number | number[];
  constructor(opts: { maxValue?: number; axis?: number | number[] } = {}) {
    super();
    this.maxValue = opts.maxValue ?? 2;
    this.axis = opts.axis ?? 0;
  }
  apply(w: tf.Tensor) {
    return tf.tidy(() => {
      const n = norms(w, this.axis);
      const desired = tf.clipByValue(n, 0, this.maxValue);
      return tf.mul(w, tf.div(desired, tf.add(n, EPS)));
    });
  }
  override getConfig() {
    return { max_value: this.maxValue, axis: this.axis };
  }
  static fromConfig(c: ConfigDict) {
    return new MaxNorm({ maxValue: c.max_value as number, axis: c.axis as number });
  }
}
export class NonNeg extends Constraint {
  static override className = 'NonNeg';
  apply(w: tf.Tensor) {
    return tf.tidy(() => tf.mul(w, tf.cast(tf.greaterEqual(w, 0), w.dtype)));
  }
  static fromConfig() {
    return new NonNeg();
  }
}
export class UnitNorm extends Constraint {
  static override className = 'UnitNorm';
  readonly axis: number | number[];
  constructor(opts: { axis?: number | number[] } = {}) {
    super();
    this.axis = opts.axis ?? 0;
  }
  apply(w: tf.Tensor) {
    return tf.tidy(() => tf.div(w, tf.add(norms(w, this.axis), EPS)));
  }
  override getConfig() {
    return { axis: this.axis };
  }
  static fromConfig(c: ConfigDict) {
    return new UnitNorm({ axis: c.axis as number });
  }
}
export class MinMaxNorm extends Constraint {
  static override className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: number | number[];
  constructor(opts: { minValue?: number; maxValue?: number; rate?: number; axis?: number | number[] } = {}) {
    super();
    this.minValue = opts.minValue ?? 0;
    this.maxValue = opts.maxValue ?? 1;
    this.rate = opts.rate ?? 1;
    this.axis = opts.axis ?? 0;
  }
  apply(w: tf.Tensor) {
    return tf.tidy(() => {
      const n = norms(w, this.axis);
      const desired = tf.add(tf.mul(this.rate, tf.clipByValue(n, this.minValue, this.maxValue)), tf.mul(1 - this.rate, n));
      return tf.mul(w, tf.div(desired, tf.add(n, EPS)));
    });
  }
  override getConfig() {
    return { min_value: this.minValue, max_value: this.maxValue, rate: this.rate, axis: this.axis };
  }
  static fromConfig(c: ConfigDict) {
    return new MinMaxNorm({ minValue: c.min_value as number, maxValue: c.max_value as number, rate: c.rate as number, axis: c.axis as number });
  }
}
for (const [name, cls] of [['MaxNorm', MaxNorm], ['NonNeg', NonNeg], ['UnitNorm', UnitNorm], ['MinMaxNorm', MinMaxNorm],
  ['max_norm', MaxNorm], ['non_neg', NonNeg], ['unit_norm', UnitNorm], ['min_max_norm', MinMaxNorm]] as const) {
  registerClass('constraint', cls as never, name);
}

export type ConstraintIdentifier = string | Constraint | SerializedObject;

export function getConstraint(id: ConstraintIdentifier | null | undefined): Constraint | null {
  if (id == null) return null;
  if (id instanceof Constraint) return id;
  const name = typeof id === 'string' ? id : isSerializedObject(id) ? id.class_name : null;
  if (name == null) throw new ValueError(`Could not interpret constraint identifier: ${JSON.stringify(id)}`);
  const cls = lookupClass('constraint', name);
  if (!cls) throw new NotFoundError(`Unknown constraint: '${name}'. Known: max_norm, non_neg, unit_norm, min_max_norm.`);
  return cls.fromConfig(typeof id === 'string' ? {} : (id as SerializedObject).config ?? {}) as Constraint;
}

export function serializeConstraint(c: Constraint): SerializedObject {
  return { class_name: (c.constructor as typeof Constraint).className, config: c.getConfig() };
}
