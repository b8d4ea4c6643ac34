/**
 * `Merge`: the base of the element-wise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum), with
 * Keras's shape rules: batch sizes must agree, the other dims broadcast right-aligned (1 or equal), and inputs of
 * lower rank are expanded at axis 1. The output mask is the AND of the input masks.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { isShapeList, shapeToString } from '../engine/shape.js';

/** Keras's `_compute_elemwise_op_output_shape` (shapes without the batch dimension). */
export function elemwiseOutputShape(a: Shape, b: Shape, layer: string): Shape {
  if (a.length < b.length) return elemwiseOutputShape(b, a, layer);
  if (b.length === 0) return [...a];
  const out: Shape = a.slice(0, a.length - b.length);
  a.slice(a.length - b.length).forEach((i, k) => {
    const j = b[k];
    if (i == null || j == null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) throw new ValueError(`Layer "${layer}": inputs have incompatible shapes. Received shapes ${shapeToString(a)} and ${shapeToString(b)}`);
    else out.push(i);
  });
  return out;
}

export function asShapeList(inputShape: Shape | Shape[], layer: string, what = 'A merge layer'): Shape[] {
  if (!isShapeList(inputShape)) {
    throw new ValueError(`Layer "${layer}": ${what} should be called on a list of inputs. Received: input_shape=${shapeToString(inputShape)} (not a list of shapes)`);
  }
  return inputShape;
}

export abstract class Merge extends Layer {
  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** The merge proper, on inputs of equal rank. */
  protected abstract mergeFunction(inputs: tf.Tensor[]): tf.Tensor;

  /** Extra checks of subclasses (input count). */
  protected checkInputs(shapes: Shape[]): void {
    if (shapes.length < 1) {
      throw new ValueError(`Layer "${this.name}": a merge layer should be called on a list of at least 1 input. Got ${shapes.length} inputs.`);
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    if (!Array.isArray(inputs)) throw new ValueError(`Layer "${this.name}": a merge layer should be called on a list of inputs. Received: inputs=${shapeToString(inputs.shape)} (not a list of tensors)`);
    return tf.tidy(() => {
      const maxRank = Math.max(...inputs.map((x) => x.rank));
      const same = inputs.map((x) => {
        let y = x;
        while (y.rank < maxRank) y = tf.expandDims(y, 1);
        return y;
      });
      return this.mergeFunction(same);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = asShapeList(inputShape, this.name);
    this.checkInputs(shapes);
    const batch = new Set(shapes.map((s) => s[0]).filter((d) => d != null));
    if (batch.size > 1) {
      throw new ValueError(`Layer "${this.name}": cannot merge tensors with different batch sizes. Got tensors with shapes ${shapes.map((s) => shapeToString(s)).join(', ')}`);
    }
    let out = shapes[0].slice(1);
    for (const s of shapes.slice(1)) out = elemwiseOutputShape(out, s.slice(1), this.name);
    const b = shapes.find((s) => s[0] != null)?.[0] ?? null;
    return [b, ...out];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | null {
    if (mask == null) return null;
    const masks = (Array.isArray(mask) ? mask : [mask]).filter((m): m is tf.Tensor => m != null);
    if (masks.length === 0) return null;
    return tf.tidy(() => masks.slice(1).reduce((acc, m) => tf.logicalAnd(acc, tf.cast(m, 'bool')), tf.cast(masks[0], 'bool')));
  }
}
