/**
 * `Concatenate`: joins its inputs along `axis` (default -1). All other dimensions must match. The output mask
 * concatenates the input masks (all-true for unmasked inputs) and reduces the last axis, as Keras does.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { asShapeList } from './base-merge.js';

export interface ConcatenateArgs extends LayerArgs {
  axis?: number;
}

export class Concatenate extends Layer {
  static override className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const rank = list[0].rank;
    return tf.concat(list, this.axis < 0 ? this.axis + rank : this.axis);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = asShapeList(inputShape, this.name, 'A `Concatenate` layer');
    const fail = () => {
      throw new ValueError(
        `Layer "${this.name}": a \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[${shapes.map((s) => shapeToString(s)).join(', ')}]`,
      );
    };
    if (shapes.length < 1) throw new ValueError(`Layer "${this.name}": a \`Concatenate\` layer should be called on a list of at least 1 input. Received: 0 inputs.`);
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (axis < 0 || axis >= rank) throw new ValueError(`Layer "${this.name}": invalid concatenation axis ${this.axis} for inputs of rank ${rank}.`);
    if (shapes.some((s) => s.length !== rank)) fail();
    const out = [...shapes[0]];
    for (const s of shapes.slice(1)) {
      s.forEach((d, i) => {
        if (i === axis) return;
        if (d != null && out[i] != null && d !== out[i]) fail();
        if (out[i] == null) out[i] = d;
      });
    }
    out[axis] = shapes.some((s) => s[axis] == null) ? null : shapes.reduce((n, s) => n + (s[axis] as number), 0);
    return out;
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | null {
    if (mask == null) return null;
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const masks = Array.isArray(mask) ? mask : [mask];
    if (masks.length !== list.length) throw new ValueError(`Layer "${this.name}": the lists \`inputs\` and \`mask\` should have the same length. Received ${list.length} inputs and ${masks.length} masks.`);
    if (masks.every((m) => m == null)) return null;
    return tf.tidy(() => {
      const full = list.map((x, i) => {
        const m = masks[i];
        if (m == null) return tf.onesLike(tf.cast(x, 'bool'));
        const b = tf.cast(m, 'bool');
        return b.rank < x.rank ? tf.expandDims(b, -1) : b;
      });
      const rank = list[0].rank;
      const concatenated = tf.concat(full, this.axis < 0 ? this.axis + rank : this.axis);
      return tf.all(concatenated, -1);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }

  static override fromConfig(config: ConfigDict): Concatenate {
    return new Concatenate(camelizeKeys(config) as ConcatenateArgs);
  }
}
