import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '../index.js';
import { isOurKernel } from './registry.js';
import { maxRelError, randomInput, rng, runKernelOn } from './testing.js';
import { leadingPrefix } from './shared/reduce.js';

/** Sum over `axes` computed in float64 from the definition. */
function reference(x: Float32Array, shape: number[], axes: number[]): Float32Array {
  const keep = shape.map((_, i) => !axes.includes(i));
  const outShape = shape.filter((_, i) => keep[i]);
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  const idx = new Array(shape.length).fill(0);
  for (let i = 0; i < x.length; i++) {
    let o = 0;
    for (let d = 0; d < shape.length; d++) if (keep[d]) o = o * shape[d] + idx[d];
    out[o] += x[i];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return Float32Array.from(out);
}

describe('Sum over leading axes (wasm and cpu)', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('is registered for both backends', () => {
    expect(isOurKernel('Sum', 'wasm')).toBe(true);
    expect(isOurKernel('Sum', 'cpu')).toBe(true);
  });

  it('recognises exactly the leading-prefix reductions', () => {
    expect(leadingPrefix([0], 2)).toBe(1);
    expect(leadingPrefix([2, 0, 1], 4)).toBe(3);
    expect(leadingPrefix([1], 2)).toBeNull();
    expect(leadingPrefix([0, 2], 3)).toBeNull();
    expect(leadingPrefix([0, 1], 2)).toBeNull(); // a full reduction: tfjs's own kernel
  });

  it.each(['wasm', 'cpu'])('matches the definition on random shapes and axes on %s (keepDims both ways)', async (backend) => {
    const r = rng(11);
    for (let trial = 0; trial < 16; trial++) {
      const rank = r(2, 4);
      const shape = Array.from({ length: rank }, () => r(1, 9));
      // Mostly leading prefixes (our path), some others (tfjs's path, must be unchanged).
      const axes = trial % 4 === 3 ? [rank - 1] : Array.from({ length: r(1, rank - 1) }, (_, i) => i);
      const keepDims = trial % 2 === 0;
      const x = randomInput(shape, trial + 1);
      const out = await runKernelOn(backend, 'Sum', { x }, { axis: axes, keepDims });
      const expected = reference(x.values as Float32Array, shape, axes);
      expect(out.shape).toEqual(keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i)));
      expect(maxRelError(out.values, expected)).toBeLessThan(1e-5);
    }
  });

  it('sums a bias gradient of CNN size on wasm (many rows) and negative axes', async () => {
    const shape = [16, 26, 26, 32];
    const x = randomInput(shape, 3);
    const out = await runKernelOn('wasm', 'Sum', { x }, { axis: [-4, -3, -2], keepDims: false });
    expect(out.shape).toEqual([32]);
    expect(maxRelError(out.values, reference(x.values as Float32Array, shape, [0, 1, 2]))).toBeLessThan(1e-4);
  });

  it('leaves int32 sums to tfjs', async () => {
    const out = await runKernelOn('wasm', 'Sum', { x: { shape: [2, 2], values: Int32Array.from([1, 2, 3, 4]), dtype: 'int32' } }, { axis: [0], keepDims: false });
    expect(Array.from(out.values)).toEqual([4, 6]);
  });
});
