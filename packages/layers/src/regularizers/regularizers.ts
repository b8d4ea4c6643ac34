/** Keras weight regularizers: `l1`, `l2`, `l1_l2` (penalties added to the loss). */
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import type { ConfigDict, SerializedObject } from '../serialization/registry.js';
import { isSerializedObject, lookupClass, registerClass } from '../serialization/registry.js';

export abstract class Regularizer {
  static className = 'Regularizer';
  /** The penalty for `x`, a scalar. */
  abstract apply(x: tf.Tensor): tf.Scalar;
  abstract getConfig(): ConfigDict;
}

export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(opts: { l1?: number; l2?: number } = {}) {
    super();
    this.l1 = opts.l1 ?? 0;
    this.l2 = opts.l2 ?? 0;
    for (const [k, v] of Object.entries({ l1: this.l1, l2: this.l2 })) {
      if (!Number.isFinite(v) || v < 0) throw new ValueError(`Value for argument \`${k}\` should be a non-negative number. Received: ${k}=${v}`);
    }
  }
  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      let r: tf.Scalar = tf.scalar(0);
      if (this.l1) r = tf.add(r, tf.mul(this.l1, tf.sum(tf.abs(x))));
      if (this.l2) r = tf.add(r, tf.mul(this.l2, tf.sum(tf.square(x))));
      return r;
    });
  }
  getConfig(): ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }
  static fromConfig(config: ConfigDict) {
    return new this({ l1: config.l1 as number, l2: config.l2 as number });
  }
}
export class L1 extends L1L2 {
  static override className = 'L1';
  constructor(opts: { l1?: number } | number = {}) {
    super({ l1: typeof opts === 'number' ? opts : opts.l1 ?? 0.01 });
  }
  override getConfig(): ConfigDict {
    return { l1: this.l1 };
  }
  static override fromConfig(config: ConfigDict) {
    return new L1({ l1: config.l1 as number });
  }
}
export class L2 extends L1L2 {
  static override className = 'L2';
  constructor(opts: { l2?: number } | number = {}) {
    super({ l2: typeof opts === 'number' ? opts : opts.l2 ?? 0.01 });
  }
  override getConfig(): ConfigDict {
    return { l2: this.l2 };
  }
  static override fromConfig(config: ConfigDict) {
    return new L2({ l2: config.l2 as number });
  }
}

/** `keras.regularizers.l1(0.01)` */
export const l1 = (value = 0.01) => new L1({ l1: value });
/** `keras.regularizers.l2(0.01)` */
export const l2 = (value = 0.01) => new L2({ l2: value });
/** `keras.regularizers.l1_l2(l1, l2)` */
export const l1L2 = (opts: { l1?: number; l2?: number } = { l1: 0.01, l2: 0.01 }) => new L1L2(opts);

for (const [name, cls] of [['L1L2', L1L2], ['L1', L1], ['L2', L2], ['l1_l2', L1L2], ['l1', L1], ['l2', L2]] as const) {
  registerClass('regularizer', cls as never, name);
}

export type RegularizerIdentifier = string | Regularizer | SerializedObject;

export function getRegularizer(id: RegularizerIdentifier | null | undefined): Regularizer | null {
  if (id == null) return null;
  if (id instanceof Regularizer) return id;
  const name = typeof id === 'string' ? id : isSerializedObject(id) ? id.class_name : null;
  if (name == null) throw new ValueError(`Could not interpret regularizer identifier: ${JSON.stringify(id)}`);
  const cls = lookupClass('regularizer', name);
  if (!cls) throw new NotFoundError(`Unknown regularizer: '${name}'. Known: l1, l2, l1_l2 (L1, L2, L1L2).`);
  return cls.fromConfig(typeof id === 'string' ? {} : (id as SerializedObject).config ?? {}) as Regularizer;
}

export function serializeRegularizer(r: Regularizer): SerializedObject {
  return { class_name: (r.constructor as typeof Regularizer).className, config: r.getConfig() };
}
