import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as tf from '../../index.js';
import { isOurKernel } from '../registry.js';
import { setIm2colChunkElements } from '../shared/im2col.js';
import { useSimdTransposes } from './conv2d-backprop.js';
import { maxRelError, randomInput, rng, runKernelOn } from '../testing.js';

interface Case {
  xShape: number[];
  filterShape: number[];
  dyShape: number[];
  attrs: Record<string, unknown>;
}

/**
 * A random convolution: NHWC or NCHW, strides 1..3, valid/same/explicit/numeric padding; with `opts.dilated`
 * also dilations 1..2; with `opts.fewInputs` more output channels than patch elements (kH*kW*inC < outC, the
 * filter gradient's other product order).
 */
function randomCase(seed: number, opts: { dilated?: boolean; fewInputs?: boolean } = {}): Case {
  const r = rng(seed);
  const n = r(1, 3), h = r(3, 11), w = r(3, 11);
  const c = opts.fewInputs ? r(1, 2) : r(1, 5), oc = opts.fewInputs ? r(9, 12) : r(1, 6);
  const kh = r(1, Math.min(opts.fewInputs ? 2 : 4, h)), kw = r(1, Math.min(opts.fewInputs ? 2 : 4, w));
  const strides: [number, number] = [r(1, 3), r(1, 3)];
  const dilations: [number, number] = opts.dilated ? [r(1, 2), r(1, 2)] : [1, 1];
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
    strides, dilations, pad as 'valid', dimRoundingMode as 'floor', false, dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst');
  return { xShape, filterShape, dyShape: info.outShape, attrs: { strides, dilations, pad, dataFormat, dimRoundingMode } };
}

/** NCHW <-> NHWC of a 4D array (`toNhwc`: from NCHW of `shape` [n, c, h, w]; else to NCHW from NHWC [n, h, w, c]). */
function relayout(a: Float32Array, shape: number[], toNhwc: boolean): Float32Array {
  const out = new Float32Array(a.length);
  const [n, d1, d2, d3] = shape;
  let i = 0;
  for (let b = 0; b < n; b++) for (let p = 0; p < d1; p++) for (let q = 0; q < d2; q++) for (let t = 0; t < d3; t++, i++) {
    // source index (b, p, q, t) -> target with the channel axis moved
    out[toNhwc ? ((b * d2 + q) * d3 + t) * d1 + p : ((b * d3 + t) * d1 + p) * d2 + q] = a[i];
  }
  return out;
}

/**
 * Both gradients straight from their definition, for any strides, dilations and padding (tfjs's cpu kernels
 * ignore dilations in the backprops, so they cannot be the reference there). Arrays in the case's data format.
 */
function gradientsByDefinition(c: Case, x: Float32Array, dy: Float32Array, w: Float32Array): { dW: Float32Array; dx: Float32Array } {
  const nchw = c.attrs.dataFormat === 'NCHW';
  const info = tf.backend_util.computeConv2DInfo(
    c.xShape as [number, number, number, number], c.filterShape as [number, number, number, number],
    c.attrs.strides as [number, number], c.attrs.dilations as [number, number], c.attrs.pad as 'valid',
    c.attrs.dimRoundingMode as 'floor', false, nchw ? 'channelsFirst' : 'channelsLast');
  const xs = nchw ? relayout(x, c.xShape, true) : x, dys = nchw ? relayout(dy, c.dyShape, true) : dy;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: OC } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const dW = new Float32Array(KH * KW * C * OC), dx = new Float32Array(N * H * W * C);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
      const ih = oh * sh - info.padInfo.top + kh * dh, iw = ow * sw - info.padInfo.left + kw * dw;
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      for (let ic = 0; ic < C; ic++) for (let oc = 0; oc < OC; oc++) {
        const g = dys[((n * OH + oh) * OW + ow) * OC + oc];
        dW[((kh * KW + kw) * C + ic) * OC + oc] += xs[((n * H + ih) * W + iw) * C + ic] * g;
        dx[((n * H + ih) * W + iw) * C + ic] += w[((kh * KW + kw) * C + ic) * OC + oc] * g;
      }
    }
  }
  return { dW, dx: nchw ? relayout(dx, [N, H, W, C], false) : dx };
}

describe('wasm Conv2DBackpropFilter / Conv2DBackpropInput (im2col + our GEMM or XNNPack matmul)', () => {
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

  // Dilations (with strides and every padding and format), and filters with fewer patch elements than output
  // channels (the filter gradient as dy^T x cols), against the definition; no heap tensor left behind.
  it.each(seeds.flatMap((seed) => [[seed, 'dilated'], [seed, 'fewInputs'], [seed, 'both']] as const))(
    'follows the definition (random case %i, %s)', async (seed, kind) => {
      const c = randomCase(seed + 1000, { dilated: kind !== 'fewInputs', fewInputs: kind !== 'dilated' });
      if (c.dyShape.some((d) => d <= 0)) return;
      const x = randomInput(c.xShape, seed * 3), dy = randomInput(c.dyShape, seed * 5), filter = randomInput(c.filterShape, seed * 7);
      const ref = gradientsByDefinition(c, x.values as Float32Array, dy.values as Float32Array, filter.values as Float32Array);
      await tf.setBackend('wasm');
      const backend = tf.engine().backend;
      const heapTensors = backend.numDataIds();
      const dW = await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, { ...c.attrs, filterShape: c.filterShape });
      expect(maxRelError(dW.values, ref.dW)).toBeLessThan(1e-4);
      const dx = await runKernelOn('wasm', 'Conv2DBackpropInput', { dy, filter }, { ...c.attrs, inputShape: c.xShape });
      expect(maxRelError(dx.values, ref.dx)).toBeLessThan(1e-4);
      expect(backend.numDataIds()).toBe(heapTensors);
    });

  describe('with the stock transposes and products (where our SIMD module cannot start)', () => {
    let prev = true;
    beforeAll(() => { prev = useSimdTransposes(false); });
    afterAll(() => { useSimdTransposes(prev); });
    it.each(seeds.slice(0, 12).flatMap((seed) => [[seed, false], [seed, true]] as const))('follows the definition (random case %i, few inputs: %s)', async (seed, fewInputs) => {
      const c = randomCase(seed + 2000, { dilated: seed % 2 === 0, fewInputs });
      if (c.dyShape.some((d) => d <= 0)) return;
      const x = randomInput(c.xShape, seed), dy = randomInput(c.dyShape, seed + 1), filter = randomInput(c.filterShape, seed + 2);
      const ref = gradientsByDefinition(c, x.values as Float32Array, dy.values as Float32Array, filter.values as Float32Array);
      const dW = await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, { ...c.attrs, filterShape: c.filterShape });
      expect(maxRelError(dW.values, ref.dW)).toBeLessThan(1e-4);
    });
  });

  describe('when the batch is split into chunks', () => {
    let prev = 0;
    beforeAll(() => { prev = setIm2colChunkElements(50); });
    afterAll(() => { setIm2colChunkElements(prev); });
    it('gives the same result', async () => {
      for (const [seed, fewInputs] of [[3, false], [4, false], [5, false], [7, false], [3, true], [4, true], [5, true], [6, true]] as const) {
        const c = randomCase(seed + 100, { fewInputs });
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
