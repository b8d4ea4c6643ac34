/**
 * `Dot`: the batch dot product of two inputs along `axes` (an int for both, or one per input), optionally of the
 * L2-normalized inputs (cosine proximity). The output drops the contracted axes; a rank-1 result becomes
 * `[batch, 1]`, as Keras's `batch_dot`.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { asShapeList } from './base-merge.js';

export interface DotArgs extends LayerArgs {
  normalize?: boolean;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** `x / sqrt(max(sum(x^2, axis), 1e-12))` (tf.math.l2_normalize). */
export function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12))));
}

/** Keras's `batch_dot(x, y, [ax, ay])` for inputs of rank >= 2 (axes already non-negative). */
export function batchDot(x: tf.Tensor, y: tf.Tensor, ax: number, ay: number): tf.Tensor {
  return tf.tidy(() => {
    const b = x.shape[0];
    const restX = x.shape.filter((_, i) => i !== 0 && i !== ax);
    const restY = y.shape.filter((_, i) => i !== 0 && i !== ay);
    const permX = [0, ...x.shape.map((_, i) => i).filter((i) => i !== 0 && i !== ax), ax];
    const permY = [0, ay, ...y.shape.map((_, i) => i).filter((i) => i !== 0 && i !== ay)];
    const k = x.shape[ax];
    const p = restX.reduce((n, d) => n * d, 1);
    const q = restY.reduce((n, d) => n * d, 1);
    const xm = tf.reshape(tf.transpose(x, permX), [b, p, k]) as tf.Tensor3D;
    const ym = tf.reshape(tf.transpose(y, permY), [b, k, q]) as tf.Tensor3D;
    const out = tf.matMul(xm, ym);
    const shape = [b, ...restX, ...restY];
    return tf.reshape(out, shape.length === 1 ? [b, 1] : shape);
  });
}

export class Dot extends Layer {
  static override className = 'Dot';
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(axes: number | number[], args: DotArgs = {}) {
    super(args);
    if (Array.isArray(axes)) {
      if (axes.length !== 2 || !axes.every(Number.isInteger)) {
        throw new ValueError(`Layer "${this.name}": invalid format for argument \`axes\`: list should contain two integers. Received: axes=${JSON.stringify(axes)}`);
      }
      this.axes = [axes[0], axes[1]];
    } else if (Number.isInteger(axes)) {
      this.axes = axes;
    } else {
      throw new ValueError(`Layer "${this.name}": invalid type for argument \`axes\`: it should be an int or a list of two ints. Received: axes=${JSON.stringify(axes)}`);
    }
    this.normalize = args.normalize ?? false;
  }

  private resolveAxes(r1: number, r2: number): [number, number] {
    if (typeof this.axes === 'number') return this.axes < 0 ? [mod(this.axes, r1), mod(this.axes, r2)] : [this.axes, this.axes];
    return [this.axes[0] < 0 ? mod(this.axes[0], r1) : this.axes[0], this.axes[1] < 0 ? mod(this.axes[1], r2) : this.axes[1]];
  }

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new ValueError(`Layer "${this.name}": a \`Dot\` layer should be called on a list of 2 inputs.`);
    return tf.tidy(() => {
      let [x1, x2] = inputs;
      const [a1, a2] = this.resolveAxes(x1.rank, x2.rank);
      if (this.normalize) {
        x1 = l2Normalize(x1, a1);
        x2 = l2Normalize(x2, a2);
      }
      return batchDot(x1, x2, a1, a2);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = asShapeList(inputShape, this.name, 'A `Dot` layer');
    if (shapes.length !== 2) throw new ValueError(`Layer "${this.name}": a \`Dot\` layer should be called on a list of 2 inputs. Received: ${shapes.length} inputs.`);
    const [s1, s2] = shapes;
    if (s1.length < 2 || s2.length < 2) throw new ValueError(`Layer "${this.name}": a \`Dot\` layer needs inputs of rank >= 2. Received shapes ${shapeToString(s1)} and ${shapeToString(s2)}`);
    const [a1, a2] = this.resolveAxes(s1.length, s2.length);
    if (a1 === 0 || a2 === 0 || a1 >= s1.length || a2 >= s2.length) {
      throw new ValueError(`Layer "${this.name}": invalid \`axes\` ${JSON.stringify(this.axes)} for inputs of shapes ${shapeToString(s1)} and ${shapeToString(s2)} (the batch axis 0 cannot be contracted).`);
    }
    if (s1[a1] != null && s2[a2] != null && s1[a1] !== s2[a2]) {
      throw new ValueError(`Layer "${this.name}": incompatible input shapes: axis values ${s1[a1]} (at axis ${a1}) != ${s2[a2]} (at axis ${a2}). Full input shapes: ${shapeToString(s1)}, ${shapeToString(s2)}`);
    }
    const out = [...s1.filter((_, i) => i !== a1), ...s2.filter((_, i) => i !== 0 && i !== a2)];
    return out.length === 1 ? [out[0], 1] : out;
  }

  override computeMask(): null {
    return null;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }

  static override fromConfig(config: ConfigDict): Dot {
    return new Dot(config.axes as number | number[], camelizeKeys(config) as DotArgs);
  }
}
