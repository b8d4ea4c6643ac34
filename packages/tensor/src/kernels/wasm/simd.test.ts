import { describe, it, expect } from 'vitest';
import * as tf from '../../index.js';
import { plain, shared } from '../../generated/simd-kernels.js';
import { ownsNoMemory, sectionIds, simdKernels, startSimdKernels } from './simd.js';
import type { WasmBackend } from './heap.js';

describe('SIMD kernels module', () => {
  it.each([['plain', plain], ['shared', shared]])('(%s) imports the heap and owns no memory, data or start code', (_, b64) => {
    const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).every((e) => e.kind === 'function')).toBe(true);
    const ids = sectionIds(bytes);
    expect(ids).not.toContain(5); // memory
    expect(ids).not.toContain(8); // start
    expect(ids).not.toContain(11); // data
    expect(ownsNoMemory(bytes)).toBe(true);
  });

  it('refuses a module with a data segment (it would overwrite the heap)', () => {
    // A minimal module: (memory import) + a data section with one active segment at offset 0.
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 11, 7, 1, 0, 65, 0, 11, 1, 42]);
    expect(sectionIds(bytes)).toEqual([11]);
    expect(ownsNoMemory(bytes)).toBe(false);
  });

  it('compiles asynchronously too (browsers refuse large synchronous compiles), on any backend memory', async () => {
    // A stand-in backend whose heap is a fresh memory: nothing is cached for it, so only the asynchronous path
    // can have made the kernels.
    const memory = new WebAssembly.Memory({ initial: 1 });
    const backend = { wasm: { asm: { memory } } } as unknown as WasmBackend;
    expect(await startSimdKernels(backend)).toBe(true);
    const heap = new Float32Array(memory.buffer);
    heap.set([1, 2, 3, 4, 5, 6], 0); // [2, 3] at byte 0
    simdKernels(backend)!.transpose(0, 64, 1, 2, 3);
    expect(Array.from(heap.subarray(16, 22))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('starts on the wasm backend and runs on its heap', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as WasmBackend;
    const k = simdKernels(backend);
    expect(k).not.toBeNull();
    const p = tf.tensor1d([1, 2, 3, 4, 5]), g = tf.tensor1d([1, 1, 1, 1, -1]), m = tf.zeros([5]), v = tf.zeros([5]);
    const at = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).memoryOffset;
    k!.adam(at(p), at(g), at(m), at(v), 0, 5, 0.5, 0.5, 0.5, 0);
    // m = 0.5 g, v = 0.5 g^2: p -= 0.25 g / sqrt(0.5)
    const expected = [1, 2, 3, 4, 5].map((x, i) => Math.fround(x - Math.fround(Math.fround(0.25 * (i === 4 ? -1 : 1)) / Math.fround(Math.sqrt(0.5)))));
    expect(Array.from(p.dataSync())).toEqual(expected);
    tf.dispose([p, g, m, v]);
  });
});

describe('SIMD transpose', () => {
  it('matches the definition on random shapes (edges, batches, tiles)', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as WasmBackend;
    const k = simdKernels(backend)!;
    const at = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).memoryOffset;
    for (const [batch, rows, cols] of [[1, 1, 1], [1, 4, 4], [2, 5, 7], [1, 37, 70], [3, 64, 33], [1, 128, 784], [2, 3, 1], [1, 1, 9]]) {
      const x = tf.randomUniform([batch, rows, cols]);
      const y = tf.zeros([batch, cols, rows]);
      k.transpose(at(x), at(y), batch, rows, cols);
      const xs = x.dataSync(), ys = y.dataSync();
      let bad = 0;
      for (let n = 0; n < batch; n++) for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
        if (ys[n * rows * cols + c * rows + r] !== xs[n * rows * cols + r * cols + c]) bad++;
      }
      expect(bad, `${batch}x${rows}x${cols}`).toBe(0);
      tf.dispose([x, y]);
    }
  });
});
