import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { setIm2colChunkElements } from '../shared/im2col.js';
import { maxRelError, randomInput, rng, runKernelOn } from '../testing.js';

interface Case {
  xShape: number[];
  filterShape: number[];
  dyShape: number[];
  attrs: Record<string, unknown>;
}

/** A random convolution: NHWC or NCHW, strides 1..3, valid/same/explicit/numeric padding. */
function randomCase(seed: number): Case {
  const r = rng(seed);
  const n = r(1, 3), h = r(3, 11), w = r(3, 11), c = r(1, 5), oc = r(1, 6);
  const kh = r(1, Math.min(4, h)), kw = r(1, Math.min(4, w));
  const strides: [number, number] = [r(1, 3), r(1, 3)];
  const dataFormat = seed % 3 === 2 ? 'NCHW' : 'NHWC';
  const padKind = seed % 4;
  const pads = [r(0, 2), r(0, 2), r(0, 2), r(0, 2)];
  const pad =
    padKind === 0 ? 'valid' : padKind === 1 ? 'same' : padKind === 2 ? 1
    : dataFormat === 'NHWC' ? [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]]
    : [[0, 0], [0, 0], [pads[0], pads[1]], [pads[2], pads[3]]];
  const dimRoundingMode = padKind === 2 ? 'floor' : undefined;
  const xShape = dataFormat === 'NHWC' ? [n, h, w, c] : [n, c, h, w];
  const filterShape = [kh, kw, c, oc];
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    strides, 1, pad as 'valid', dimRoundingMode as 'floor', false, dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst');
  return { xShape, filterShape, dyShape: info.outShape, attrs: { strides, pad, dataFormat, dimRoundingMode } };
}

describe('wasm Conv2DBackpropFilter / Conv2DBackpropInput (im2col + XNNPack matmul)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for wasm', () => {
    expect(isOurKernel('Conv2DBackpropFilter', 'wasm')).toBe(true);
    expect(isOurKernel('Conv2DBackpropInput', 'wasm')).toBe(true);
  });

  const seeds = Array.from({ length: 24 }, (_, i) => i + 1);
  it.each(seeds)('agrees with the cpu reference (random case %i)', async (seed) => {
    const c = randomCase(seed);
    if (c.dyShape.some((d) => d <= 0)) return; // degenerate output: nothing to check
    const x = randomInput(c.xShape, seed * 3);
    const dy = randomInput(c.dyShape, seed * 5);
    const filter = randomInput(c.filterShape, seed * 7);
    const fAttrs = { ...c.attrs, filterShape: c.filterShape };
    const ours = await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, fAttrs);
    const ref = await runKernelOn('cpu', 'Conv2DBackpropFilter', { x, dy }, fAttrs);
    expect(ours.shape).toEqual(c.filterShape);
    expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    const iAttrs = { ...c.attrs, inputShape: c.xShape };
    const oursI = await runKernelOn('wasm', 'Conv2DBackpropInput', { dy, filter }, iAttrs);
    const refI = await runKernelOn('cpu', 'Conv2DBackpropInput', { dy, filter }, iAttrs);
    expect(oursI.shape).toEqual(c.xShape);
    expect(maxRelError(oursI.values, refI.values)).toBeLessThan(1e-4);
  });

  describe('when the batch is split into chunks', () => {
    let prev = 0;
    beforeAll(() => { prev = setIm2colChunkElements(50); });
    afterAll(() => { setIm2colChunkElements(prev); });
    it('gives the same result', async () => {
      for (const seed of [3, 4, 5, 7]) {
        const c = randomCase(seed + 100);
        if (c.dyShape.some((d) => d <= 0)) continue;
        c.xShape[0] = 4; c.dyShape[0] = 4;
        const x = randomInput(c.xShape, seed), dy = randomInput(c.dyShape, seed + 1), filter = randomInput(c.filterShape, seed + 2);
        const fAttrs = { ...c.attrs, filterShape: c.filterShape };
        const iAttrs = { ...c.attrs, inputShape: c.xShape };
        expect(maxRelError((await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, fAttrs)).values,
          (await runKernelOn('cpu', 'Conv2DBackpropFilter', { x, dy }, fAttrs)).values)).toBeLessThan(1e-4);
        expect(maxRelError((await runKernelOn('wasm', 'Conv2DBackpropInput', { dy, filter }, iAttrs)).values,
          (await runKernelOn('cpu', 'Conv2DBackpropInput', { dy, filter }, iAttrs)).values)).toBeLessThan(1e-4);
      }
    });
  });

  it('trains a conv layer end to end on wasm (gradients of conv2d) without leaking', async () => {
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor4d(randomInput([2, 9, 9, 3], 1).values, [2, 9, 9, 3]);
      const w = tf.variable(tf.tensor4d(randomInput([3, 3, 3, 4], 2).values, [3, 3, 3, 4]));
      const start = tf.memory().numTensors;
      let g: Float32Array = new Float32Array();
      for (let i = 0; i < 3; i++) {
        const { value, grads } = tf.variableGrads(
          () => tf.sum(tf.square(tf.conv2d(x, w as unknown as tf.Tensor4D, 2, 'same'))) as tf.Scalar, [w]);
        g = grads[w.name].dataSync() as Float32Array;
        tf.dispose([value, grads[w.name]]);
      }
      expect(tf.memory().numTensors).toBe(start);
      tf.dispose([x, w]);
      return g;
    };
    const ours = await grads('wasm');
    const ref = await grads('cpu');
    expect(maxRelError(ours, ref)).toBeLessThan(1e-4);
  });
});
