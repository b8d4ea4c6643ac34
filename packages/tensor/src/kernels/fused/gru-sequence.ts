/**
 * A whole GRU sequence as one kernel on wasm, and its gradient as one more: the GRU twin of lstm-sequence.ts
 * (same reasons: a stepped GRU over 64 steps runs about a thousand small kernels per training batch).
 *
 * Reset gate after the recurrent product (tf.keras 2's default, `reset_after=True`), Keras's gate order
 * (z, r, h), sigmoid gates and a tanh candidate. Forward, per step k (reading input step t = k, or T-1-k going
 * backwards): inner = h·U + b_r, then the fused cell (assembly/gru.ts). Backward, from the last step:
 * dh = dOut[:, k] + dh_next, the cell's gradient gives the input projection's gradient, the recurrent
 * product's gradient dInner_k and dh·z, and dh_next = dh·z + dInner_k·Uᵀ. The recurrent kernel's gradient is
 * one product over all steps, dU = Hprevᵀ·dInner, and the recurrent bias's a column sum of dInner.
 *
 * Both loops run in wasm (assembly/sequence.ts) over batch rows, which are independent: on the threaded backend
 * each thread of our pool runs every step for its share of the rows. The sums run in another order than the
 * stepped ops' (the bias starts the recurrent product's), so the two paths agree to rounding, not bit for bit.
 */
import { BatchMatMul, engine, getKernel, registerKernel, reshape, slice, tidy, zeros } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, f32At, free, pointer as at, runStock, view, type WasmBackend } from '../wasm/heap.js';
import { gemmMatMul } from '../wasm/gemm.js';
import { simdKernels } from '../wasm/simd.js';
import { runRows } from '../wasm/row-jobs.js';
import { transposeLastTwo } from '../wasm/transpose.js';
import { maskFits, maskInput, sequenceOp, swapTime, timeMajorMask } from './sequence-op.js';

export const GRU_SEQUENCE = 'KerasTsGruSequence';
export const GRU_SEQUENCE_GRAD = 'KerasTsGruSequenceGrad';

const forward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { x, u, rb, h0, mask } = args.inputs as Record<'x' | 'u' | 'rb' | 'h0', TensorInfo> & { mask?: TensorInfo };
  const goBackwards = (args.attrs as { goBackwards?: boolean }).goBackwards === true;
  const [batch, steps, three] = x.shape as [number, number, number];
  const units = three / 3;
  const n = batch * units;
  const xT = swapTime(b, x, goBackwards ? 0 : null); // step s reads xT[s]
  const hAll = alloc(b, [steps + 1, batch, units]), acts = alloc(b, [steps, batch, 4 * units]);
  const inner = alloc(b, [batch, 3 * units]);
  const m = timeMajorMask(b, mask, goBackwards);
  try {
    const pH = at(b, hAll), pX = at(b, xT), pI = at(b, inner), pU = at(b, u), pB = at(b, rb), pA = at(b, acts);
    f32At(b, pH, n).set(f32At(b, at(b, h0), n));
    runRows(b, 'gruSequenceRows', [pX, pU, pB, pH, pA, pI, m === null ? 0 : at(b, m), batch, units, steps], batch);
    // Every step's h, [batch, T, units], from hAll[1..T].
    const outT = alloc(b, [steps, batch, units]);
    f32(b, outT).set(f32(b, hAll).subarray(n));
    const out = swapTime(b, outT);
    free(b, outT);
    return [out, hAll, acts];
  } catch (e) {
    free(b, hAll, acts);
    throw e;
  } finally {
    free(b, xT, inner, m);
  }
};

const backward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { dy, u, hAll, acts, mask } = args.inputs as Record<string, TensorInfo>;
  const goBackwards = (args.attrs as { goBackwards?: boolean }).goBackwards === true;
  const [batch, steps, units] = dy!.shape as [number, number, number];
  const k = simdKernels(b)!;
  const dyT = swapTime(b, dy!); // [T, batch, units]
  const uT = transposeLastTwo(b, u!); // [3u, u]
  const dX = alloc(b, [steps, batch, 3 * units]), dInner = alloc(b, [steps, batch, 3 * units]);
  const dh = alloc(b, [batch, units]), dhDirect = alloc(b, [batch, units]), back = alloc(b, [batch, units]);
  const ones = alloc(b, [steps * batch]);
  const dh0 = alloc(b, [batch, units]), db = alloc(b, [3 * units]);
  const m = timeMajorMask(b, mask, goBackwards);
  let dx: TensorInfo | null = null, dU: TensorInfo | null = null;
  try {
    const pDh = at(b, dh), pD = at(b, dhDirect), pBack = at(b, back), pNext = at(b, dh0);
    const pSeq = at(b, dyT), pH = at(b, hAll!), pA = at(b, acts!), pX = at(b, dX), pI = at(b, dInner), pUT = at(b, uT);
    f32(b, dh0).fill(0); // dh_next of the last step
    const pM = m === null ? 0 : at(b, m);
    runRows(b, 'gruSequenceGradRows', [pSeq, pUT, pH, pA, pX, pI, pDh, pD, pBack, pNext, pM, batch, units, steps], batch);
    // dU [u, 3u] = Hprevᵀ [u, T*B] · dInner [T*B, 3u] (the first T steps of hAll); db = column sums of dInner.
    const rows = steps * batch;
    dU = gemmMatMul(b, view(hAll!, [rows, units]), view(dInner, [rows, 3 * units]), { transposeA: true })
      ?? runStock(b, BatchMatMul, { a: view(hAll!, [1, rows, units]), b: view(dInner, [1, rows, 3 * units]) }, { transposeA: true, transposeB: false });
    if (dU.shape.length === 3) dU = { ...dU, shape: [units, 3 * units] };
    f32(b, ones).fill(1);
    k.gemm(at(b, ones), pI, at(b, db), 1, 3 * units, rows, rows, 1, 3 * units, 0, 0, 0, 1);
    dx = swapTime(b, dX, goBackwards ? 1 : null);
    return [dx, dU, db, dh0];
  } catch (e) {
    free(b, dx, dU, dh0, db);
    throw e;
  } finally {
    free(b, dyT, uT, dX, dInner, dh, dhDirect, back, ones, m);
  }
};

export function registerGruSequence(): void {
  if (getKernel(GRU_SEQUENCE, 'wasm') != null) return;
  registerKernel({ kernelName: GRU_SEQUENCE, backendName: 'wasm', kernelFunc: forward });
  registerKernel({ kernelName: GRU_SEQUENCE_GRAD, backendName: 'wasm', kernelFunc: backward });
}

/**
 * A GRU (reset gate after the recurrent product) over a whole sequence: `x [batch, T, 3u]` (each step's input
 * projection, x·W + input bias), the recurrent kernel `u [units, 3u]`, the recurrent bias `rb [3u]` (null for
 * none) and the initial state `h0 [batch, units]` -> every step's output `[batch, T, units]` (in processing
 * order) and the last h. Keras's gate order and activations (sigmoid gates, tanh). With `mask`, as lstmSequence.
 * Null where no fused kernel runs (other backends, other dtypes or shapes): the caller steps.
 *
 * A custom gradient (sequence-op.ts), as lstmSequence's.
 */
export function gruSequence(
  x: Tensor,
  u: Tensor,
  rb: Tensor | null,
  h0: Tensor,
  goBackwards = false,
  mask: Tensor | null = null,
): { sequence: Tensor; h: Tensor } | null {
  const e = engine();
  if (e.backendName !== 'wasm' || [x, u, h0, ...(rb ? [rb] : [])].some((t) => t.dtype !== 'float32')) return null;
  if (x.rank !== 3 || u.rank !== 2 || h0.rank !== 2 || (rb !== null && rb.rank !== 1)) return null;
  const [batch, steps, three] = x.shape as [number, number, number];
  const units = u.shape[0]!;
  if (steps < 1 || units < 1 || three !== 3 * units || u.shape[1] !== three || h0.shape[0] !== batch || h0.shape[1] !== units) return null;
  if ((rb !== null && rb.shape[0] !== three) || !maskFits(mask, batch, steps)) return null;
  if (simdKernels(e.backend as unknown as WasmBackend) === null) return null;
  const attrs = { goBackwards } as unknown as NamedAttrMap;
  return tidy(() => {
    const inputs = { x, u, rb: rb ?? zeros([three]), h0 };
    const sequence = sequenceOp(GRU_SEQUENCE, GRU_SEQUENCE_GRAD, inputs, ['hAll', 'acts'], attrs, maskInput(mask));
    return { sequence, h: reshape(slice(sequence, [0, steps - 1, 0], [batch, 1, units]), [batch, units]) };
  });
}
