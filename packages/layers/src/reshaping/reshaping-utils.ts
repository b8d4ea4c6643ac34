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
  // gather (not tile: tfjs has no tile gradient above rank 4)
  const len = x.shape[axis];
  const idx = tf.tensor1d(Array.from({ length: len * n }, (_, i) => Math.floor(i / n)), 'int32');
  const out = tf.gather(x, idx, axis);
  idx.dispose();
  return out;
}

/**
 * Bilinear upsampling by an integer factor along one axis with half-pixel centers (tf.image.resize), as gathers
 * and a lerp so that gradients are exact (tfjs's ResizeBilinearGrad ignores half-pixel centers).
 */
export function upsampleBilinearAxis(x: tf.Tensor, factor: number, axis: number): tf.Tensor {
  if (factor === 1) return x;
  const n = x.shape[axis];
  const lower: number[] = [];
  const upper: number[] = [];
  const lerp: number[] = [];
  for (let o = 0; o < n * factor; o++) {
    const src = (o + 0.5) / factor - 0.5;
    const f = Math.floor(src);
    lower.push(Math.max(f, 0));
    upper.push(Math.min(Math.ceil(src), n - 1));
    lerp.push(src - f);
  }
  return tf.tidy(() => {
    const lo = tf.gather(x, tf.tensor1d(lower, 'int32'), axis);
    const hi = tf.gather(x, tf.tensor1d(upper, 'int32'), axis);
    const shape = x.shape.map((_, i) => (i === axis ? n * factor : 1));
    const t = tf.reshape(tf.tensor1d(lerp), shape);
    return tf.add(lo, tf.mul(tf.sub(hi, lo), t));
  });
}
