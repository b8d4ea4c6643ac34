/** Transposed copies of heap tensors (our SIMD transpose, or a TypeScript loop where it cannot start). */
import { util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { transposeBatched } from '../shared/transpose.js';
import { alloc, f32, pointer, type WasmBackend } from './heap.js';
import { simdKernels } from './simd.js';

/** A heap copy of `t` with its last two axes swapped (free it with `free`). */
export function transposeLastTwo(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const rows = t.shape[r - 2]!;
  const cols = t.shape[r - 1]!;
  const out = alloc(backend, [...t.shape.slice(0, r - 2), cols, rows]);
  const batch = util.sizeFromShape(t.shape.slice(0, r - 2));
  const simd = simdKernels(backend);
  if (simd) {
    const offset = (t: TensorInfo) => pointer(backend, t);
    simd.transpose(offset(t), offset(out), batch, rows, cols);
  } else {
    transposeBatched(f32(backend, t), f32(backend, out), batch, rows, cols);
  }
  return out;
}
