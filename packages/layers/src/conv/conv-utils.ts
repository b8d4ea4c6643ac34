/** Shared convolution helpers: argument normalization, output-length formulas, layout changes, kernel dilation. */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { Shape } from '../engine/shape.js';
import { checkDataFormat, type DataFormat } from '../core/flatten.js';

export type ConvPadding = 'valid' | 'same' | 'causal';
export { checkDataFormat, type DataFormat };

/** `3` → `[3, 3]`; validates an int-or-tuple argument with a Keras-style ValueError. */
export function tupleArg(value: unknown, n: number, name: string, layer: string, allowZero = false): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : Array.isArray(value) ? [...(value as number[])] : null;
  if (!list || list.length !== n || list.some((v) => !Number.isInteger(v) || v < (allowZero ? 0 : 1))) {
    throw new ValueError(
      `Layer "${layer}": the \`${name}\` argument must be a tuple of ${n} ${allowZero ? 'non-negative' : 'positive'} integers. Received ${name}=${JSON.stringify(value)}`,
    );
  }
  return list;
}

/** Validates `padding` ('valid' | 'same', plus 'causal' where allowed). */
export function checkPadding(value: unknown, layer: string, allowCausal = false): ConvPadding {
  const v = typeof value === 'string' ? value.toLowerCase() : value ?? 'valid';
  const allowed = allowCausal ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw new ValueError(`Layer "${layer}": the \`padding\` argument must be one of ${JSON.stringify(allowed)}. Received padding=${JSON.stringify(value)}`);
  }
  return v as ConvPadding;
}

/** Keras's `conv_output_length`. */
export function convOutputLength(length: number | null, kernel: number, padding: ConvPadding, stride: number, dilation = 1): number | null {
  if (length == null) return null;
  const dk = kernel + (kernel - 1) * (dilation - 1);
  const out = padding === 'valid' ? length - dk + 1 : length;
  return Math.floor((out + stride - 1) / stride);
}

/** Keras's `deconv_output_length` (transposed convolutions). */
export function deconvOutputLength(length: number | null, kernel: number, padding: ConvPadding, outputPadding: number | null, stride: number, dilation = 1): number | null {
  if (length == null) return null;
  const dk = kernel + (kernel - 1) * (dilation - 1);
  if (outputPadding == null) {
    return padding === 'valid' ? length * stride + Math.max(dk - stride, 0) : length * stride;
  }
  const pad = padding === 'same' ? Math.floor(dk / 2) : 0;
  return (length - 1) * stride + dk - 2 * pad + outputPadding;
}

/** Spatial dims of a shape for `dataFormat` (rank = number of spatial dims). */
export function spatialDims(shape: Shape, dataFormat: DataFormat): Shape {
  return dataFormat === 'channels_last' ? shape.slice(1, -1) : shape.slice(2);
}
export function channelAxis(rank: number, dataFormat: DataFormat): number {
  return dataFormat === 'channels_last' ? rank - 1 : 1;
}
export function withSpatial(shape: Shape, spatial: Shape, channels: number | null, dataFormat: DataFormat): Shape {
  return dataFormat === 'channels_last' ? [shape[0], ...spatial, channels] : [shape[0], channels, ...spatial];
}

/** NC... → N...C */
export function toChannelsLast(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  return tf.transpose(x, [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1]);
}
/** N...C → NC... */
export function toChannelsFirst(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  return tf.transpose(x, [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)]);
}

/** Inserts `d - 1` zeros between kernel taps along each of the first `dilations.length` axes. */
export function dilateKernel(kernel: tf.Tensor, dilations: number[]): tf.Tensor {
  let k = kernel;
  dilations.forEach((d, axis) => {
    if (d === 1) return;
    const shape = k.shape;
    const n = shape[axis];
    const zerosShape = [...shape];
    zerosShape[axis] = n * (d - 1);
    // interleave: [n, 1, ...] with [n, d-1, ...] then flatten and drop the trailing zeros
    const before = shape.slice(0, axis);
    const after = shape.slice(axis + 1);
    const a = tf.reshape(k, [...before, n, 1, ...after]);
    const z = tf.zeros([...before, n, d - 1, ...after]);
    const inter = tf.reshape(tf.concat([a, z], axis + 1), [...before, n * d, ...after]);
    const size = [...shape];
    size[axis] = (n - 1) * d + 1;
    k = tf.slice(inter, new Array(shape.length).fill(0), size);
  });
  return k;
}

/** Throws Keras's error when a `valid` convolution's output would be empty. */
export function checkOutputSize(layer: string, inputShape: Shape, spatialIn: Shape, out: Shape, kernel: number[], dilation: number[]): void {
  if (out.some((d, i) => d != null && spatialIn[i] != null && d <= 0)) {
    throw new ValueError(
      `Layer "${layer}": computed output size would be negative or zero. Received inputs shape=${JSON.stringify(inputShape)}, kernel shape=${JSON.stringify(kernel)}, dilation_rate=${JSON.stringify(dilation)}. The kernel (with dilation) is larger than the input with padding='valid'.`,
    );
  }
}

/** Inserts `d - 1` zeros between the elements of `x` along `axis` (length n → (n - 1) * d + 1). */
export function interleaveZeros(x: tf.Tensor, axis: number, d: number): tf.Tensor {
  if (d === 1) return x;
  const shape = x.shape;
  const n = shape[axis];
  const before = shape.slice(0, axis);
  const after = shape.slice(axis + 1);
  const a = tf.reshape(x, [...before, n, 1, ...after]);
  const z = tf.zeros([...before, n, d - 1, ...after], x.dtype);
  const inter = tf.reshape(tf.concat([a, z], axis + 1), [...before, n * d, ...after]);
  const size = [...shape];
  size[axis] = (n - 1) * d + 1;
  return tf.slice(inter, new Array(shape.length).fill(0), size);
}

/**
 * Transposed convolution of a channels_last input `x` (rank 3–5) with a Keras transposed kernel
 * `[...k, outChannels, inChannels]` (already dilated), to spatial size `outSpatial`, with TF's padding rules:
 * the input is stride-dilated with zeros, padded so that output index o sees `o + padBefore` of the full
 * result, and correlated with the spatially flipped kernel. Built from forward convolutions only.
 */
export function convTransposeViaConv(x: tf.Tensor, kernel: tf.Tensor, outSpatial: number[], strides: number[], padding: 'valid' | 'same'): tf.Tensor {
  const rank = x.rank - 2;
  const k = kernel.shape.slice(0, rank);
  let xd = x;
  for (let i = 0; i < rank; i++) xd = interleaveZeros(xd, i + 1, strides[i]);
  const pads: Array<[number, number]> = [[0, 0]];
  const begin = [0];
  const size = [-1];
  for (let i = 0; i < rank; i++) {
    const inLen = x.shape[i + 1];
    const padTotal = padding === 'same' ? Math.max((inLen - 1) * strides[i] + k[i] - outSpatial[i], 0) : 0;
    const padBefore = Math.floor(padTotal / 2);
    const left = k[i] - 1 - padBefore;
    const right = outSpatial[i] + k[i] - 1 - xd.shape[i + 1] - left;
    pads.push([Math.max(left, 0), Math.max(right, 0)]);
    begin.push(Math.max(-left, 0));
    size.push(outSpatial[i] + k[i] - 1);
  }
  pads.push([0, 0]);
  begin.push(0);
  size.push(-1);
  const padded = tf.slice(tf.pad(xd, pads), begin, size);
  const flipped = tf.reverse(kernel, Array.from({ length: rank }, (_, i) => i));
  const perm = [...Array.from({ length: rank }, (_, i) => i), rank + 1, rank];
  const w = tf.transpose(flipped, perm);
  if (rank === 1) return tf.conv1d(padded as tf.Tensor3D, w as tf.Tensor3D, 1, 'valid');
  if (rank === 2) return tf.conv2d(padded as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid');
  return conv3dForwardOnly(padded as tf.Tensor5D, w as tf.Tensor5D);
}

/** Stride-1 `valid` conv3d whose input gradient is again a forward convolution (avoids Conv3DBackpropInputV2). */
function conv3dForwardOnly(x: tf.Tensor5D, kernel: tf.Tensor5D): tf.Tensor5D {
  const f = tf.customGrad(((xi: tf.Tensor, ki: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, ki]);
    return {
      value: tf.conv3d(xi as tf.Tensor5D, ki as tf.Tensor5D, 1, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved;
        const dx = convTransposeViaConv(dy, ks, xs.shape.slice(1, 4), [1, 1, 1], 'valid');
        const dk = conv3dFilterGrad(xs, dy, ks.shape, [1, 1, 1], 'valid');
        return [dx, dk];
      },
    };
  }) as never);
  return f(x, kernel) as tf.Tensor5D;
}

/**
 * The filter gradient of a channels_last conv3d (`x` [b, ...L, ci], `dy` [b, ...O, co], kernel `kShape`
 * [...k, ci, co]) as a forward convolution: the batch becomes the contracted channel axis and `dy`, dilated by
 * the strides, the kernel.
 */
export function conv3dFilterGrad(x: tf.Tensor, dy: tf.Tensor, kShape: number[], strides: number[], padding: 'valid' | 'same'): tf.Tensor {
  const k = kShape.slice(0, 3);
  const pads: Array<[number, number]> = [[0, 0]];
  for (let i = 0; i < 3; i++) {
    const total = padding === 'same' ? Math.max((dy.shape[i + 1] - 1) * strides[i] + k[i] - x.shape[i + 1], 0) : 0;
    pads.push([Math.floor(total / 2), total - Math.floor(total / 2)]);
  }
  pads.push([0, 0]);
  const xp = tf.transpose(tf.pad(x, pads), [4, 1, 2, 3, 0]);
  const dyk = dilateKernel(tf.transpose(dy, [1, 2, 3, 0, 4]), strides);
  const full = tf.conv3d(xp as tf.Tensor5D, dyk as tf.Tensor5D, 1, 'valid');
  const cut = tf.slice(full, [0, 0, 0, 0, 0], [-1, k[0], k[1], k[2], -1]);
  return tf.transpose(cut, [1, 2, 3, 0, 4]);
}
