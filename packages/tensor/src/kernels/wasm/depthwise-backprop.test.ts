import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { maxRelError, randomInput, rng, runKernelOn } from '../testing.js';

describe('wasm DepthwiseConv2dNativeBackpropFilter / Input', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for wasm', () => {
    expect(isOurKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')).toBe(true);
    expect(isOurKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBe(true);
  });

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('agrees with the cpu reference (random case %i)', async (seed) => {
    const r = rng(seed * 31);
    const n = r(1, 3), h = r(4, 10), w = r(4, 10), c = r(1, 5), cm = r(1, 3);
    const kh = r(1, 3), kw = r(1, 3);
    // tfjs allows dilations > 1 only with stride 1 (and vice versa).
    const dilated = seed % 3 === 0;
    const strides: [number, number] = dilated ? [1, 1] : [r(1, 3), r(1, 3)];
    const dilations: [number, number] = dilated ? [r(1, 2), r(1, 2)] : [1, 1];
    const pad = seed % 2 === 0 ? 'same' : 'valid';
    const xShape = [n, h, w, c], filterShape = [kh, kw, c, cm];
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number],
      filterShape as [number, number, number, number], strides, dilations, pad, undefined, true);
    if (info.outShape.some((d) => d <= 0)) return;
    const x = randomInput(xShape, seed), dy = randomInput(info.outShape, seed + 1), filter = randomInput(filterShape, seed + 2);
    const base = { strides, dilations, pad };
    const ours = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...base, filterShape });
    // tfjs's cpu kernel ignores dilations here, so the reference for a dilated filter is the gradient of the
    // equivalent undilated filter with zeros inserted (same effective size, so the same padding), subsampled.
    const effShape = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1, c, cm];
    const refEff = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', { x, dy },
      { strides, dilations: 1, pad, filterShape: effShape });
    const ref = new Float32Array(kh * kw * c * cm);
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let q = 0; q < c * cm; q++) {
      ref[(i * kw + j) * c * cm + q] = refEff.values[((i * dilations[0]) * effShape[1] + j * dilations[1]) * c * cm + q];
    }
    expect(ours.shape).toEqual(filterShape);
    expect(maxRelError(ours.values, ref)).toBeLessThan(1e-4);
    const oursI = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...base, inputShape: xShape });
    // Same for the input gradient: the dilated filter is the undilated one with zeros inserted.
    const effFilter = new Float32Array(effShape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let q = 0; q < c * cm; q++) {
      effFilter[((i * dilations[0]) * effShape[1] + j * dilations[1]) * c * cm + q] = filter.values[(i * kw + j) * c * cm + q];
    }
    const refI = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropInput',
      { dy, filter: { shape: effShape, values: effFilter } }, { strides, dilations: 1, pad, inputShape: xShape });
    expect(oursI.shape).toEqual(xShape);
    expect(maxRelError(oursI.values, refI.values)).toBeLessThan(1e-4);
  });
});
