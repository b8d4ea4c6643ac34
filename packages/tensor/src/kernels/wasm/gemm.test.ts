import { describe, it, expect, beforeAll } from 'vitest';
import * as tfc from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '../../index.js';
import { maxRelError, randomInput, rng, runKernelOn, type ArrayInput } from '../testing.js';
import { gemmMatMul, MAX_UNPACKED_ROWS, type GemmOptions } from './gemm.js';
import { free, runStock, type WasmBackend } from './heap.js';
import { kernelPool } from './pool.js';
import { markWritten, storageOf } from '../fused/storage.js';

/** Runs gemmMatMul itself on wasm tensors: its values, or null when it declined the product. */
async function direct(a: ArrayInput, b: ArrayInput, opts: GemmOptions & { biasValues?: ArrayInput['values'] } = {}) {
  await tf.setBackend('wasm');
  const backend = tfc.engine().backend as unknown as WasmBackend;
  const ta = tfc.tensor(a.values, a.shape), tb = tfc.tensor(b.values, b.shape);
  const tBias = opts.biasValues ? tfc.tensor(opts.biasValues) : null;
  const info = (t: tfc.Tensor): TensorInfo => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
  try {
    const out = gemmMatMul(backend, info(ta), info(tb), { ...opts, bias: tBias ? info(tBias) : null });
    if (out === null) return null;
    const values = backend.readSync(out.dataId) as Float32Array;
    backend.disposeData(out.dataId);
    return { shape: out.shape, values };
  } finally {
    tfc.dispose([ta, tb, ...(tBias ? [tBias] : [])]);
  }
}

describe('our SIMD GEMM (wasm)', () => {
  beforeAll(async () => {
    await tf.ready();
    await tf.setBackend('wasm');
  });

  it('agrees with the cpu reference across tile, remainder and K-block boundaries', async () => {
    const ms = [1, 5, 6, 7, 13, 38];
    const ns = [1, 3, 4, 7, 8, 9, 12, 17, 33];
    const ks = [1, 4, 5, 255, 256, 257, 600];
    let trial = 0;
    for (const m of ms) {
      for (const n of ns) {
        const k = ks[trial % ks.length]!;
        const tA = trial % 2 === 1, tB = (trial >> 1) % 2 === 1;
        trial++;
        const a = randomInput(tA ? [k, m] : [m, k], trial);
        const b = randomInput(tB ? [n, k] : [k, n], trial + 500);
        const ours = await direct(a, b, { transposeA: tA, transposeB: tB });
        expect(ours, `${m}x${k}x${n}`).not.toBeNull();
        const ref = await runKernelOn('cpu', 'BatchMatMul', { a, b }, { transposeA: tA, transposeB: tB });
        expect(ours!.shape).toEqual(ref.shape);
        expect(maxRelError(ours!.values, ref.values), `${m}x${k}x${n} tA=${tA} tB=${tB}`).toBeLessThan(1e-4);
      }
    }
  });

  it('adds the bias and applies ReLU in its output stage, on batched and broadcast operands', async () => {
    const r = rng(3);
    for (let trial = 0; trial < 12; trial++) {
      const m = r(1, 20), k = r(1, 300), n = r(1, 20);
      const batch = r(1, 3);
      const aBatch = trial % 3 === 0 ? 1 : batch, bBatch = trial % 3 === 1 ? 1 : batch;
      const a = randomInput([aBatch, m, k], trial + 1);
      const b = randomInput([bBatch, k, n], trial + 40);
      const bias = randomInput([n], trial + 80);
      const relu = trial % 2 === 0;
      const ours = await direct(a, b, { relu, biasValues: bias.values });
      const attrs = { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear' };
      const ref = await runKernelOn('cpu', '_FusedMatMul', { a, b, bias }, attrs);
      expect(ours!.shape).toEqual(ref.shape);
      expect(maxRelError(ours!.values, ref.values)).toBeLessThan(1e-4);
    }
  });

  it('gives zeros for an empty inner dimension, as the stock kernels do', async () => {
    const a = { values: new Float32Array(0), shape: [3, 0] };
    const b = { values: new Float32Array(0), shape: [0, 5] };
    const ours = await direct(a, b);
    expect(ours!.shape).toEqual([3, 5]);
    expect([...ours!.values]).toEqual(new Array(15).fill(0));
  });

  it('leaves tall narrow products on one thread and unmatched shapes to the stock kernels', async () => {
    expect(await direct(randomInput([MAX_UNPACKED_ROWS, 3], 1), randomInput([3, 2], 2))).not.toBeNull();
    // With our pool (threaded backend) every product is ours; on one thread tall ones of fewer than 8 columns
    // are XNNPack's, and tall ones of 8 columns or more ours.
    const pooled = kernelPool(tfc.engine().backend as unknown as WasmBackend) !== null;
    const tall = await direct(randomInput([MAX_UNPACKED_ROWS + 1, 3], 1), randomInput([3, 2], 2));
    expect(tall === null).toBe(!pooled);
    expect(await direct(randomInput([MAX_UNPACKED_ROWS + 1, 3], 1), randomInput([3, 8], 2))).not.toBeNull();
    expect(await direct(randomInput([4, 3], 1), randomInput([5, 2], 2))).toBeNull(); // k mismatch: stock reports it
    expect(await direct(randomInput([2, 4, 3], 1), randomInput([3, 3, 2], 2))).toBeNull(); // batches 2 and 3
  });

  it('computes products large enough for the thread pool (all threads, when it runs) like cpu', async () => {
    for (const [m, k, n, tA, tB] of [[151, 300, 100, false, false], [97, 260, 203, true, true]] as const) {
      const a = randomInput(tA ? [k, m] : [m, k], m);
      const b = randomInput(tB ? [n, k] : [k, n], n);
      const bias = randomInput([n], 9);
      const attrs = { transposeA: tA, transposeB: tB, activation: 'relu' };
      const ours = await runKernelOn('wasm', '_FusedMatMul', { a, b, bias }, attrs);
      const ref = await runKernelOn('cpu', '_FusedMatMul', { a, b, bias }, attrs);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    }
  });

  it('gives the same bits as XNNPack (a product may move between the two), with and without bias', async () => {
    await tf.setBackend('wasm');
    const backend = tfc.engine().backend as unknown as WasmBackend;
    const info = (t: tfc.Tensor): TensorInfo => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
    const shapes = [[7, 5, 3, true], [128, 784, 64, true], [128, 300, 40, false], [13, 600, 17, true], [3, 1000, 9, true]] as const;
    for (const [m, k, n, withBias] of shapes) {
      const a = tfc.randomNormal([1, m, k]), b = tfc.randomNormal([1, k, n]), bias = tfc.randomNormal([n]);
      const ours = gemmMatMul(backend, info(a), info(b), { bias: withBias ? info(bias) : null, relu: true })!;
      const stock = runStock(backend, '_FusedMatMul', { a: info(a), b: info(b), ...(withBias ? { bias: info(bias) } : {}) },
        { transposeA: false, transposeB: false, activation: 'relu' } as unknown as NamedAttrMap);
      const x = backend.readSync(ours.dataId) as Float32Array, y = backend.readSync(stock.dataId) as Float32Array;
      expect(Array.from(x), `${m}x${k}x${n}`).toEqual(Array.from(y));
      free(backend, ours, stock);
      tfc.dispose([a, b, bias]);
    }
  });

  it('leaves a right operand it has met before to XNNPack (which keeps its packing), until it is written in place', async () => {
    await tf.setBackend('wasm');
    const backend = tfc.engine().backend as unknown as WasmBackend;
    const a = tfc.randomNormal([8, 16]), w = tfc.randomNormal([16, 12]);
    const info = (t: tfc.Tensor): TensorInfo => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
    const product = () => {
      const out = gemmMatMul(backend, info(a), info(w));
      if (out !== null) backend.disposeData(out.dataId);
      return out !== null;
    };
    expect(product()).toBe(true); // first use: ours, no packing
    expect(product()).toBe(false); // again: XNNPack, which packs it once and keeps that
    expect(product()).toBe(false);
    markWritten(storageOf(w)!); // an in-place update (fused Adam) drops the packing
    expect(product()).toBe(true);
    // Transposed right operands are copied for every product, so they are always ours.
    const wT = tfc.randomNormal([12, 16]);
    for (let i = 0; i < 2; i++) {
      const out = gemmMatMul(backend, info(a), info(wT), { transposeB: true });
      expect(out).not.toBeNull();
      backend.disposeData(out!.dataId);
    }
    tfc.dispose([a, w, wT]);
  });

  it('runs tall products (ours, or the stock kernel where narrow) with the same results', async () => {
    const a = randomInput([MAX_UNPACKED_ROWS + 13, 37], 5);
    for (const n of [21, 5]) {
      const b = randomInput([n, 37], 6);
      const attrs = { transposeA: false, transposeB: true };
      const ours = await runKernelOn('wasm', 'BatchMatMul', { a, b }, attrs);
      const ref = await runKernelOn('cpu', 'BatchMatMul', { a, b }, attrs);
      expect(maxRelError(ours.values, ref.values)).toBeLessThan(1e-4);
    }
  });

  it('reports a shape mismatch the way tfjs does', async () => {
    await tf.setBackend('wasm');
    expect(() => tf.matMul(tf.zeros([2, 3]), tf.zeros([4, 5]))).toThrow(/inner shapes/);
  });
});
