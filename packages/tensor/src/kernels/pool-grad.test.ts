import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../index.js';
import { isOurKernel } from './registry.js';
import { maxPoolGrad, type PoolGeometry } from './shared/pool-grad.js';
import { maxRelError, randomInput, randomValues, rng, runKernelOn } from './testing.js';

/** Definition of the average-pooling gradient (windows averaged over their in-bounds elements). */
function avgPoolGradDefinition(dy: Float32Array, xShape: number[], info: tf.backend_util.Conv2DInfo): Float32Array {
  const [n, h, w, c] = xShape;
  const dx = new Float32Array(n * h * w * c);
  for (let b = 0; b < n; b++) for (let oh = 0; oh < info.outHeight; oh++) for (let ow = 0; ow < info.outWidth; ow++) {
    const cells: number[] = [];
    for (let i = 0; i < info.filterHeight; i++) for (let j = 0; j < info.filterWidth; j++) {
      const ih = oh * info.strideHeight - info.padInfo.top + i, iw = ow * info.strideWidth - info.padInfo.left + j;
      if (ih >= 0 && ih < h && iw >= 0 && iw < w) cells.push((b * h + ih) * w + iw);
    }
    for (const cell of cells) for (let ch = 0; ch < c; ch++) {
      dx[cell * c + ch] += dy[((b * info.outHeight + oh) * info.outWidth + ow) * c + ch] / cells.length;
    }
  }
  return dx;
}

/**
 * Definition of the max-pooling gradient as keras-ts keeps it: each window's first in-bounds tap is the
 * starting best (a NaN there sticks), a later tap replaces it only when strictly greater (so ties and NaNs
 * later in the window never win).
 */
function maxPoolGradDefinition(x: Float32Array, dy: Float32Array, g: PoolGeometry): Float32Array {
  const dx = new Float32Array(x.length);
  let o = 0;
  for (let b = 0; b < g.batch; b++) for (let oh = 0; oh < g.outH; oh++) for (let ow = 0; ow < g.outW; ow++) {
    for (let ch = 0; ch < g.channels; ch++, o++) {
      let where = -1;
      for (let i = 0; i < g.fH; i++) for (let j = 0; j < g.fW; j++) {
        const ih = oh * g.strideH - g.padTop + i * g.dilH, iw = ow * g.strideW - g.padLeft + j * g.dilW;
        if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) continue;
        const at = ((b * g.inH + ih) * g.inW + iw) * g.channels + ch;
        if (where < 0 || x[at] > x[where]) where = at;
      }
      if (where >= 0) dx[where] += dy[o];
    }
  }
  return dx;
}

/**
 * Values with many ties, signed zeros and infinities, and (optionally) NaNs of both signs: the cases where the
 * fast loop's integer keys need care.
 */
function awkwardValues(n: number, seed: number, withNaN: boolean): Float32Array {
  const specials = [0, -0, Infinity, -Infinity, 0.5, -0.5];
  const x = randomValues(n, seed).map((v, i) => (i % 5 === 0 ? specials[Math.floor((v + 1) * 3)] : Math.round(v * 2) / 2));
  const bits = new Int32Array(x.buffer);
  if (withNaN) for (let i = 3; i < n; i += 7) bits[i] = i % 2 ? 0x7fc00000 : 0xffc00001 | 0;
  return x;
}

describe('MaxPoolGrad / AvgPoolGrad (wasm and cpu)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for both backends', () => {
    for (const b of ['wasm', 'cpu']) {
      expect(isOurKernel('MaxPoolGrad', b)).toBe(true);
      expect(isOurKernel('AvgPoolGrad', b)).toBe(true);
    }
  });

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('agrees with tfjs (random case %i)', async (seed) => {
    const r = rng(seed * 17);
    const xShape = [r(1, 3), r(2, 9), r(2, 9), r(1, 6)];
    const filterSize: [number, number] = [r(1, 3), r(1, 3)];
    const strides: [number, number] = [r(1, 3), r(1, 3)];
    const pad = seed % 3 === 0 ? 'same' : seed % 3 === 1 ? 'valid' : 1;
    const dimRoundingMode = pad === 1 ? 'floor' : undefined;
    const info = tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    if (info.outShape.some((d) => d <= 0)) return;
    const x = randomInput(xShape, seed);
    const dy = randomInput(info.outShape, seed + 50);
    const attrs = { filterSize, strides, pad, dimRoundingMode };
    // The forward output, from tfjs's cpu kernel.
    const output = await runKernelOn('cpu', 'MaxPool', { x }, attrs);
    const maxIn = { dy, input: x, output: { shape: output.shape, values: output.values as Float32Array } };
    const ref = await runKernelOn('cpu', 'MaxPoolGrad', maxIn, attrs, { stock: true });
    for (const backend of ['wasm', 'cpu']) {
      const ours = await runKernelOn(backend, 'MaxPoolGrad', maxIn, attrs);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-5);
      const avg = await runKernelOn(backend, 'AvgPoolGrad', { dy, input: x }, attrs);
      expect(maxRelError(avg.values, avgPoolGradDefinition(dy.values as Float32Array, xShape, info))).toBeLessThan(1e-5);
      if (pad === 'valid') {
        // Without padding every window is full, where tfjs's stock kernel is right too.
        const avgRef = await runKernelOn('cpu', 'AvgPoolGrad', { dy, input: x }, attrs, { stock: true });
        expect(maxRelError(avg.values, avgRef.values)).toBeLessThan(1e-5);
      }
    }
  });

  // Overlapping and non-overlapping windows, 4-tap (2x2, 1x4) and others, cut by padding, with dilation (which
  // tfjs's pooling kernels never pass, so the loop is checked directly).
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))('follows the definition on ties, zeros, infinities and NaNs (case %i)', (seed) => {
    const r = rng(seed * 31);
    const fH = seed % 4 === 0 ? 1 : r(1, 3), fW = seed % 4 === 0 ? 4 : r(1, 3);
    const dilH = r(1, 2), dilW = r(1, 2), strideH = r(1, 3), strideW = r(1, 3);
    const inH = r(fH * dilH, 9), inW = r(fW * dilW, 9), padTop = r(0, fH - 1), padLeft = r(0, fW - 1);
    const g: PoolGeometry = {
      batch: r(1, 3), inH, inW, channels: r(1, 5), fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft,
      outH: Math.floor((inH + padTop + r(0, fH - 1) - (fH - 1) * dilH - 1) / strideH) + 1,
      outW: Math.floor((inW + padLeft + r(0, fW - 1) - (fW - 1) * dilW - 1) / strideW) + 1,
    };
    const size = g.batch * inH * inW * g.channels;
    const dy = randomValues(g.batch * g.outH * g.outW * g.channels, seed + 7);
    for (const withNaN of [false, true]) {
      const x = awkwardValues(size, seed, withNaN);
      const dx = new Float32Array(size);
      maxPoolGrad(x, dy, g, dx);
      expect(Array.from(dx)).toEqual(Array.from(maxPoolGradDefinition(x, dy, g)));
    }
  });

  // One NaN (of either sign) at each position in turn: the fast loop must notice it wherever it sits in a window.
  it.each([[2, 2, 1], [2, 2, 2], [1, 4, 1], [3, 3, 1]])('follows the definition with a single NaN (%ix%i windows, stride %i)', (fH, fW, stride) => {
    const g: PoolGeometry = {
      batch: 1, inH: 5, inW: 6, channels: 2, fH, fW, strideH: stride, strideW: stride, dilH: 1, dilW: 1, padTop: 0, padLeft: 0,
      outH: Math.floor((5 - fH) / stride) + 1, outW: Math.floor((6 - fW) / stride) + 1,
    };
    const dy = randomValues(g.outH * g.outW * 2, fH * 10 + fW + stride);
    for (let at = 0; at < 5 * 6 * 2; at++) {
      for (const nanBits of [0x7fc00000, 0xffc00001 | 0]) {
        const x = randomValues(5 * 6 * 2, at + 1);
        new Int32Array(x.buffer)[at] = nanBits;
        const dx = new Float32Array(x.length);
        maxPoolGrad(x, dy, g, dx);
        expect(Array.from(dx)).toEqual(Array.from(maxPoolGradDefinition(x, dy, g)));
      }
    }
  });

  // Non-overlapping windows on wasm run our SIMD kernel (four channels at a time, then the rest one by one),
  // through the registered kernel; with every padding, windows cut by the border, and awkward values.
  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('follows the definition on wasm for non-overlapping windows (case %i)', async (seed) => {
    const r = rng(seed * 43);
    const filterSize: [number, number] = [r(1, 3), r(1, 3)];
    const strides: [number, number] = [filterSize[0] + r(0, 1), filterSize[1] + r(0, 1)];
    const xShape = [r(1, 3), r(2, 11), r(2, 11), [1, 3, 4, 5, 8, 11][seed % 6]!];
    const pad = seed % 3 === 0 ? 'same' : seed % 3 === 1 ? 'valid' : 1;
    const dimRoundingMode = pad === 1 ? 'floor' : undefined;
    const info = tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    if (info.outShape.some((d) => d <= 0)) return;
    const g: PoolGeometry = {
      batch: info.batchSize, inH: info.inHeight, inW: info.inWidth, channels: info.inChannels, outH: info.outHeight,
      outW: info.outWidth, fH: info.filterHeight, fW: info.filterWidth, strideH: info.strideHeight,
      strideW: info.strideWidth, dilH: 1, dilW: 1, padTop: info.padInfo.top, padLeft: info.padInfo.left,
    };
    const size = xShape.reduce((p, q) => p * q, 1);
    const dy = randomInput(info.outShape, seed + 9);
    for (const withNaN of [false, true]) {
      const x = { shape: xShape, values: awkwardValues(size, seed, withNaN) };
      const output = { shape: info.outShape, values: new Float32Array(dy.values.length) }; // unused by the kernel
      const ours = await runKernelOn('wasm', 'MaxPoolGrad', { dy, input: x, output }, { filterSize, strides, pad, dimRoundingMode });
      expect(Array.from(ours.values)).toEqual(Array.from(maxPoolGradDefinition(x.values, dy.values as Float32Array, g)));
    }
  });

  it('is the gradient of the pooling ops on wasm, without leaking', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(randomInput([2, 6, 6, 3], 4).values, [2, 6, 6, 3]);
    const start = tf.memory().numTensors;
    const g = tf.grad((a: tf.Tensor) =>
      tf.sum(tf.add(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same'), tf.avgPool(a as tf.Tensor4D, 3, 2, 'same'))));
    const dx = g(x);
    expect(dx.shape).toEqual([2, 6, 6, 3]);
    // every 2x2 max window sends 1 to one cell; the avg windows send 1/count to each of their cells
    const total = tf.sum(dx);
    expect(total.dataSync()[0]).toBeCloseTo(2 * 3 * 9 + 2 * 3 * 9, 3);
    tf.dispose([dx, total]);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose(x);
  });
});
