import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { setIm2colChunkElements } from '../shared/im2col.js';
import { maxRelError, randomInput, rng, runKernelOn } from '../testing.js';

describe('cpu Conv2DBackpropFilter (transposed patches + cpu matmul)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for cpu', () => {
    expect(isOurKernel('Conv2DBackpropFilter', 'cpu')).toBe(true);
  });

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('agrees with tfjs\'s cpu kernel (random case %i)', async (seed) => {
    const r = rng(seed * 13);
    const dataFormat = seed % 3 === 0 ? 'NCHW' : 'NHWC';
    const n = r(1, 3), h = r(3, 10), w = r(3, 10), c = r(1, 4), oc = r(1, 5);
    const filterShape = [r(1, 3), r(1, 3), c, oc];
    const strides: [number, number] = [r(1, 3), r(1, 3)];
    const pad = seed % 4 === 0 ? 'valid' : seed % 4 === 1 ? 'same' : seed % 4 === 2 ? 1
      : dataFormat === 'NHWC' ? [[0, 0], [r(0, 2), r(0, 2)], [r(0, 2), r(0, 2)], [0, 0]] : [[0, 0], [0, 0], [r(0, 2), r(0, 2)], [r(0, 2), r(0, 2)]];
    const dimRoundingMode = pad === 1 ? 'floor' : undefined;
    const xShape = dataFormat === 'NHWC' ? [n, h, w, c] : [n, c, h, w];
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number],
      filterShape as [number, number, number, number], strides, 1, pad as 'valid', dimRoundingMode as 'floor', false,
      dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst');
    if (info.outShape.some((d) => d <= 0)) return;
    const inputs = { x: randomInput(xShape, seed), dy: randomInput(info.outShape, seed + 9) };
    const attrs = { strides, pad, dataFormat, dimRoundingMode, filterShape };
    const prev = seed % 5 === 0 ? setIm2colChunkElements(40) : null; // some cases split the batch
    try {
      const ours = await runKernelOn('cpu', 'Conv2DBackpropFilter', inputs, attrs);
      const ref = await runKernelOn('cpu', 'Conv2DBackpropFilter', inputs, attrs, { stock: true });
      expect(ours.shape).toEqual(filterShape);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    } finally {
      if (prev !== null) setIm2colChunkElements(prev);
    }
  });
});
