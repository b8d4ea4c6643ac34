import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../index.js';
import { isOurKernel } from './registry.js';
import { maxRelError, randomInput, rng, runKernelOn } from './testing.js';

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
