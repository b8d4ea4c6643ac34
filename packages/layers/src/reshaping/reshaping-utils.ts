/** Shared helpers of the cropping / padding / upsampling layers. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';

/**
 * Keras's argument forms for per-axis (before, after) amounts: an int (all axes, both sides), `rank` ints (per axis,
 * both sides), or `rank` pairs. For rank 1 a pair `[a, b]` means before/after.
 */
export function normalizePairs(value: unknown, rank: number, name: string, layer: string): Array<[number, number]> {
  const ok = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  const fail = (): never => {
    throw new ValueError(
      `Layer "${layer}": \`${name}\` should be a non-negative int, a tuple of ${rank} non-negative ints, or a tuple of ${rank} tuples of 2 non-negative ints. Received: ${name}=${JSON.stringify(value)}`,
    );
  };
  if (ok(value)) return Array.from({ length: rank }, () => [value, value] as [number, number]);
  if (!Array.isArray(value)) return fail();
  if (rank === 1) {
    if (value.length === 2 && value.every(ok)) return [[value[0], value[1]]];
    if (value.length === 1 && ok(value[0])) return [[value[0], value[0]]];
    return fail();
  }
  if (value.length !== rank) return fail();
  return value.map((v) => {
    if (ok(v)) return [v, v] as [number, number];
    if (Array.isArray(v) && v.length === 2 && v.every(ok)) return [v[0], v[1]] as [number, number];
    return fail();
  });
}

/** Repeats every element `n` times along `axis` (nearest-neighbour upsampling, Keras's `repeat_elements`). */
export function repeatElements(x: tf.Tensor, n: number, axis: number): tf.Tensor {
  if (n === 1) return x;
  const shape = x.shape;
  const expanded = tf.expandDims(x, axis + 1);
  const reps = shape.map(() => 1);
  reps.splice(axis + 1, 0, n);
  const tiled = tf.tile(expanded, reps);
  const out = [...shape];
  out[axis] = shape[axis] * n;
  return tf.reshape(tiled, out);
}
