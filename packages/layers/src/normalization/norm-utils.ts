/** Shared helpers of the normalization layers: axis validation and broadcast shapes. */
import { ValueError } from '@keras-ts/tensor';
import type { Shape } from '../engine/shape.js';

/** Normalizes `axis` (int or list, negatives allowed) for inputs of rank `ndim`, with Keras's errors. */
export function normalizeAxes(axis: number | number[], ndim: number, layer: string): number[] {
  const list = Array.isArray(axis) ? axis : [axis];
  const out = list.map((a) => {
    if (!Number.isInteger(a) || a >= ndim || a < -ndim) {
      throw new ValueError(`Layer "${layer}": invalid axis ${a} for inputs of rank ${ndim}. Expected -${ndim} <= axis < ${ndim}. Received: axis=${JSON.stringify(axis)}`);
    }
    return a < 0 ? a + ndim : a;
  });
  if (new Set(out).size !== out.length) throw new ValueError(`Layer "${layer}": duplicate axis: ${JSON.stringify(axis)}`);
  return out;
}

/** The input dims at `axes`, which must be defined. */
export function dimsAt(inputShape: Shape, axes: number[], layer: string): number[] {
  return axes.map((a) => {
    const d = inputShape[a];
    if (d == null) {
      throw new ValueError(`Layer "${layer}": axis ${a} of the input tensor should have a defined dimension but the layer received an input with shape ${JSON.stringify(inputShape)}.`);
    }
    return d;
  });
}

/** `[1, ..., dim at each axis, ..., 1]` for broadcasting per-axis parameters. */
export function broadcastShape(inputShape: Shape, axes: number[]): number[] {
  return inputShape.map((d, i) => (axes.includes(i) ? (d as number) : 1));
}
