/**
 * Keras initializers: `zeros`, `ones`, `constant`, `random_normal`, `random_uniform`, `truncated_normal`,
 * `variance_scaling` and its presets (`glorot_*`, `he_*`, `lecun_*`), `orthogonal`, `identity`.
 */
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import type { ConfigDict, SerializedObject } from '../serialization/registry.js';
import { isSerializedObject, registerClass, lookupClass, registeredClassNames } from '../serialization/registry.js';
import { toSnakeCase } from '../engine/naming.js';

export abstract class Initializer {
  static className = 'Initializer';
  abstract apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
  getConfig(): ConfigDict {
    return {};
  }
  static fromConfig<T>(this: new (opts: never) => T, config: ConfigDict): T {
    return new this(camel(config) as never);
  }
}

function camel(config: ConfigDict): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

/** fan_in / fan_out as Keras computes them (conv kernels: receptive field × channels). */
export function computeFans(shape: number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

export class Zeros extends Initializer {
  static override className = 'Zeros';
  constructor(_opts: object = {}) {
    super();
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.zeros(shape, dtype);
  }
}
export class Ones extends Initializer {
  static override className = 'Ones';
  constructor(_opts: object = {}) {
    super();
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.ones(shape, dtype);
  }
}
export class Constant extends Initializer {
  static override className = 'Constant';
  readonly value: number;
  constructor(opts: { value?: number } | number = {}) {
    super();
    this.value = typeof opts === 'number' ? opts : opts.value ?? 0;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.fill(shape, this.value, dtype);
  }
  override getConfig() {
    return { value: this.value };
  }
}
export class RandomNormal extends Initializer {
  static override className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed?: number;
  constructor(opts: { mean?: number; stddev?: number; seed?: number | null } = {}) {
    super();
    this.mean = opts.mean ?? 0;
    this.stddev = opts.stddev ?? 0.05;
    this.seed = opts.seed ?? undefined;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.randomNormal(shape, this.mean, this.stddev, dtype as 'float32', this.seed);
  }
  override getConfig() {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}
export class RandomUniform extends Initializer {
  static override className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed?: number;
  constructor(opts: { minval?: number; maxval?: number; seed?: number | null } = {}) {
    super();
    this.minval = opts.minval ?? -0.05;
    this.maxval = opts.maxval ?? 0.05;
    this.seed = opts.seed ?? undefined;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.randomUniform(shape, this.minval, this.maxval, dtype, this.seed);
  }
  override getConfig() {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }
}
export class TruncatedNormal extends Initializer {
  static override className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed?: number;
  constructor(opts: { mean?: number; stddev?: number; seed?: number | null } = {}) {
    super();
    this.mean = opts.mean ?? 0;
    this.stddev = opts.stddev ?? 0.05;
    this.seed = opts.seed ?? undefined;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    return tf.truncatedNormal(shape, this.mean, this.stddev, dtype as 'float32', this.seed);
  }
  override getConfig() {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'normal' | 'uniform';

export class VarianceScaling extends Initializer {
  static override className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed?: number;
  constructor(opts: { scale?: number; mode?: FanMode; distribution?: Distribution; seed?: number | null } = {}) {
    super();
    this.scale = opts.scale ?? 1;
    this.mode = opts.mode ?? 'fan_in';
    this.distribution = opts.distribution ?? 'truncated_normal';
    this.seed = opts.seed ?? undefined;
    if (!(this.scale > 0)) throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${this.scale}`);
    if (!['fan_in', 'fan_out', 'fan_avg'].includes(this.mode)) {
      throw new ValueError(`Invalid \`mode\` argument: expected one of {"fan_in", "fan_out", "fan_avg"}. Received: mode=${this.mode}`);
    }
    if (!['truncated_normal', 'untruncated_normal', 'normal', 'uniform'].includes(this.distribution)) {
      throw new ValueError(`Invalid \`distribution\` argument: ${this.distribution}`);
    }
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    const [fanIn, fanOut] = computeFans(shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, n);
    if (this.distribution === 'truncated_normal') {
      const stddev = Math.sqrt(scale) / 0.8796256610342398;
      return tf.truncatedNormal(shape, 0, stddev, dtype as 'float32', this.seed);
    }
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * scale);
      return tf.randomUniform(shape, -limit, limit, dtype, this.seed);
    }
    return tf.randomNormal(shape, 0, Math.sqrt(scale), dtype as 'float32', this.seed);
  }
  override getConfig(): ConfigDict {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed ?? null };
  }
}

function preset(className: string, scale: number, mode: FanMode, distribution: Distribution) {
  return class extends VarianceScaling {
    static override className = className;
    constructor(opts: { seed?: number | null } = {}) {
      super({ scale, mode, distribution, seed: opts.seed });
    }
    override getConfig(): ConfigDict {
      return { seed: this.seed ?? null };
    }
  };
}
export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform');
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal');
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform');
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal');
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform');
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal');

export class Orthogonal extends Initializer {
  static override className = 'Orthogonal';
  readonly gain: number;
  readonly seed?: number;
  constructor(opts: { gain?: number; seed?: number | null } = {}) {
    super();
    this.gain = opts.gain ?? 1;
    this.seed = opts.seed ?? undefined;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    if (shape.length < 2) throw new ValueError(`The tensor to initialize must be at least two-dimensional. Received: shape=${JSON.stringify(shape)}`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    return tf.tidy(() => {
      const [r, c] = [Math.max(rows, cols), Math.min(rows, cols)];
      const a = tf.randomNormal([r, c], 0, 1, 'float32', this.seed);
      const [q, rr] = tf.linalg.qr(a);
      const d = tf.sign(tf.reshape(tf.stack(Array.from({ length: c }, (_, i) => tf.slice(rr, [i, i], [1, 1]))), [c]));
      let m = tf.mul(q, d);
      if (rows < cols) m = tf.transpose(m);
      return tf.cast(tf.reshape(tf.mul(m, this.gain), shape), dtype);
    });
  }
  override getConfig() {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}
export class Identity extends Initializer {
  static override className = 'Identity';
  readonly gain: number;
  constructor(opts: { gain?: number } = {}) {
    super();
    this.gain = opts.gain ?? 1;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32') {
    if (shape.length !== 2) throw new ValueError(`Identity matrix initializer can only be used for 2D matrices. Received: shape=${JSON.stringify(shape)}`);
    return tf.tidy(() => tf.cast(tf.mul(tf.eye(shape[0], shape[1]), this.gain), dtype));
  }
  override getConfig() {
    return { gain: this.gain };
  }
}

const all = [Zeros, Ones, Constant, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, GlorotUniform, GlorotNormal,
  HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal, Identity];
for (const cls of all) {
  registerClass('initializer', cls as never);
  registerClass('initializer', cls as never, toSnakeCase(cls.className));
}
registerClass('initializer', Identity as never, 'IdentityInitializer');
// Keras 2 aliases
registerClass('initializer', RandomUniform as never, 'uniform');
registerClass('initializer', RandomNormal as never, 'normal');
registerClass('initializer', Identity as never, 'identity');
registerClass('initializer', Zeros as never, 'zeros');
registerClass('initializer', Ones as never, 'ones');
registerClass('initializer', Constant as never, 'constant');

export type InitializerIdentifier = string | Initializer | SerializedObject;

/** Resolves 'glorot_uniform', a class name, a `{class_name, config}` dict, or an instance. */
export function getInitializer(identifier: InitializerIdentifier | null | undefined, fallback: InitializerIdentifier = 'glorot_uniform'): Initializer {
  const id = identifier ?? fallback;
  if (id instanceof Initializer) return id;
  if (typeof id === 'string') {
    const cls = lookupClass('initializer', id);
    if (!cls) throw new NotFoundError(`Unknown initializer: '${id}'. Known: ${registeredClassNames('initializer').filter((n) => n.includes('_') || n === n.toLowerCase()).join(', ')}.`);
    return cls.fromConfig({}) as Initializer;
  }
  if (isSerializedObject(id)) {
    const cls = lookupClass('initializer', id.class_name);
    if (!cls) throw new NotFoundError(`Unknown initializer: '${id.class_name}'. Register it with keras.utils.registerKerasSerializable.`);
    return cls.fromConfig(id.config ?? {}) as Initializer;
  }
  throw new ValueError(`Could not interpret initializer identifier: ${JSON.stringify(id)}`);
}

export function serializeInitializer(init: Initializer): SerializedObject {
  const cls = init.constructor as typeof Initializer;
  return { class_name: cls.className, config: init.getConfig() };
}
