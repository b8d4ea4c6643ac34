/**
 * A whole LSTM sequence as one kernel on wasm, and its gradient as one more. Step by step, an LSTM over 64
 * steps ran ~1,100 kernels per training batch (each step's recurrent product, the add of its input
 * projection, the cell, the tape's copies of what each saves, and as many again backward, with 64 small
 * products and 63 adds for the recurrent kernel's gradient); each kernel has the engine's fixed cost.
 *
 * Forward, per step k (reading input step t = k, or T-1-k going backwards): z = x[:, t] + h·U, then the fused
 * cell (assembly/lstm.ts), with the operations of the step-by-step path in the same order (the same bits).
 * Both loops run in wasm (assembly/sequence.ts) over batch rows, which are independent: on the threaded
 * backend each thread of our pool runs every step for its share of the rows.
 * Backward, from the last step: dh = dOut[:, k] + dh_next, the cell's gradient gives dz_k and dc, and
 * dh_next = dz_k·Uᵀ; the recurrent kernel's gradient is then one product over all steps, dU = Hprevᵀ·dZ.
 * h and c of every step are kept time-major, [T+1, batch, units], for the backward pass.
 *
 * Keras's gate order (i, f, c, o), sigmoid gates and tanh activations; the LSTM layer takes this path only
 * without masks or dropout, and steps otherwise.
 */
import { BatchMatMul, engine, getKernel, registerKernel, reshape, slice, tidy } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32At, free, pointer as at, runStock, view, type WasmBackend } from '../wasm/heap.js';
import { gemmMatMul } from '../wasm/gemm.js';
import { simdKernels } from '../wasm/simd.js';
import { runRows } from '../wasm/row-jobs.js';
import { transposeLastTwo } from '../wasm/transpose.js';
import { maskFits, maskInput, sequenceOp, swapTime, timeMajorMask } from './sequence-op.js';

export const LSTM_SEQUENCE = 'KerasTsLstmSequence';
export const LSTM_SEQUENCE_GRAD = 'KerasTsLstmSequenceGrad';

function copy(b: WasmBackend, src: number, dst: number, n: number): void {
  f32At(b, dst, n).set(f32At(b, src, n));
}

const forward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { x, u, h0, c0, mask } = args.inputs as Record<'x' | 'u' | 'h0' | 'c0', TensorInfo> & { mask?: TensorInfo };
  const goBackwards = (args.attrs as { goBackwards?: boolean }).goBackwards === true;
  const [batch, steps, four] = x.shape as [number, number, number];
  const units = four / 4;
  const n = batch * units, state = 4 * n;
  // Inputs time-major, in processing order: step s reads xT[s]. (Allocations first: views after them.)
  const xT = swapTime(b, x, goBackwards ? 0 : null);
  const hAll = alloc(b, [steps + 1, batch, units]), cAll = alloc(b, [steps + 1, batch, units]);
  const acts = alloc(b, [steps, batch, 5 * units]), z = alloc(b, [batch, 4 * units]);
  // Every step's h, then the last h and c: [T+2, batch, units], made [batch, T+2, units] below.
  const packedT = alloc(b, [steps + 2, batch, units]);
  const m = timeMajorMask(b, mask, goBackwards);
  try {
    const pH = at(b, hAll), pC = at(b, cAll), pX = at(b, xT), pZ = at(b, z), pU = at(b, u), pA = at(b, acts);
    copy(b, at(b, h0), pH, n);
    copy(b, at(b, c0), pC, n);
    runRows(b, 'lstmSequenceRows', [pX, pU, pH, pC, pA, pZ, m === null ? 0 : at(b, m), batch, units, steps], batch);
    const pP = at(b, packedT);
    copy(b, pH + state, pP, steps * n);
    copy(b, pH + steps * state, pP + steps * state, n);
    copy(b, pC + steps * state, pP + (steps + 1) * state, n);
    return [swapTime(b, packedT), hAll, cAll, acts];
  } catch (e) {
    free(b, hAll, cAll, acts);
    throw e;
  } finally {
    free(b, xT, z, packedT, m);
  }
};

const backward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { dy, u, hAll, cAll, acts, mask } = args.inputs as Record<string, TensorInfo>;
  const goBackwards = (args.attrs as { goBackwards?: boolean }).goBackwards === true;
  const [batch, steps2, units] = dy!.shape as [number, number, number];
  const steps = steps2 - 2;
  const n = batch * units, state = 4 * n;
  const dyT = swapTime(b, dy!); // [T+2, batch, units]: every output's gradient, then the last h's and c's
  const uT = transposeLastTwo(b, u!); // [4u, u]
  const dZ = alloc(b, [steps, batch, 4 * units]);
  const dh = alloc(b, [batch, units]), dc = alloc(b, [batch, units]);
  const dh0 = alloc(b, [batch, units]), dc0 = alloc(b, [batch, units]);
  const m = timeMajorMask(b, mask, goBackwards);
  let dx: TensorInfo | null = null, dU: TensorInfo | null = null;
  try {
    const pDh = at(b, dh), pZ = at(b, dZ), pUT = at(b, uT);
    // dc_next and the step's dc_prev take turns in dc and dc0 (no copy per step).
    const pDc = at(b, dc), pDcPrev = at(b, dc0);
    const pSeq = at(b, dyT), pC = at(b, cAll!), pA = at(b, acts!), pDh0 = at(b, dh0);
    copy(b, pSeq + steps * state, pDh0, n); // dh_next starts as the gradient of the last h...
    copy(b, pSeq + (steps + 1) * state, pDc, n); // ...and dc_next as that of the last c
    const pM = m === null ? 0 : at(b, m);
    runRows(b, 'lstmSequenceGradRows', [pSeq, pUT, pC, pA, pZ, pDh, pDh0, pDc, pDcPrev, pM, batch, units, steps], batch);
    // dc_next and dc_prev trade places every step: c0's gradient is in dc after an even number of steps.
    if (steps % 2 === 0) copy(b, pDc, pDcPrev, n);
    // dU [u, 4u] = Hprevᵀ [u, T*B] · dZ [T*B, 4u]: the first T steps of hAll.
    const hPrev = view(hAll!, [steps * batch, units]);
    const dz2 = view(dZ, [steps * batch, 4 * units]);
    dU = gemmMatMul(b, hPrev, dz2, { transposeA: true })
      ?? runStock(b, BatchMatMul, { a: view(hAll!, [1, steps * batch, units]), b: view(dZ, [1, steps * batch, 4 * units]) }, { transposeA: true, transposeB: false });
    if (dU.shape.length === 3) dU = { ...dU, shape: [units, 4 * units] };
    dx = swapTime(b, dZ, goBackwards ? 1 : null);
    return [dx, dU, dh0, dc0];
  } catch (e) {
    free(b, dx, dU, dh0, dc0);
    throw e;
  } finally {
    free(b, dyT, uT, dZ, dh, dc, m);
  }
};

export function registerLstmSequence(): void {
  if (getKernel(LSTM_SEQUENCE, 'wasm') != null) return;
  registerKernel({ kernelName: LSTM_SEQUENCE, backendName: 'wasm', kernelFunc: forward });
  registerKernel({ kernelName: LSTM_SEQUENCE_GRAD, backendName: 'wasm', kernelFunc: backward });
}

/**
 * An LSTM over a whole sequence: `x [batch, T, 4u]` (each step's input projection, x·W + b), the recurrent
 * kernel `u [units, 4u]` and the initial states `h0`, `c0 [batch, units]` -> every step's output
 * `[batch, T, units]` (in processing order) and the last h and c. Keras's gate order and activations (sigmoid
 * gates, tanh). With `mask` [batch, T] (in input order), a row's states carry over unchanged at its masked steps;
 * the sequence then holds each step's h state (the caller decides what a masked step outputs). Null where no
 * fused kernel runs (other backends, other dtypes or shapes): the caller steps.
 *
 * A custom gradient (sequence-op.ts): the per-step states it keeps are saved tensors, not outputs.
 */
export function lstmSequence(
  x: Tensor,
  u: Tensor,
  h0: Tensor,
  c0: Tensor,
  goBackwards = false,
  mask: Tensor | null = null,
): { sequence: Tensor; h: Tensor; c: Tensor } | null {
  const e = engine();
  if (e.backendName !== 'wasm' || [x, u, h0, c0].some((t) => t.dtype !== 'float32')) return null;
  if (x.rank !== 3 || u.rank !== 2 || h0.rank !== 2 || c0.rank !== 2) return null;
  const [batch, steps, four] = x.shape as [number, number, number];
  const units = u.shape[0]!;
  if (steps < 1 || four !== 4 * units || u.shape[1] !== four || h0.shape[0] !== batch || h0.shape[1] !== units) return null;
  if (c0.shape[0] !== batch || c0.shape[1] !== units || !maskFits(mask, batch, steps)) return null;
  if (simdKernels(e.backend as unknown as WasmBackend) === null) return null;
  const attrs = { goBackwards } as unknown as NamedAttrMap;
  return tidy(() => {
    const packed = sequenceOp(LSTM_SEQUENCE, LSTM_SEQUENCE_GRAD, { x, u, h0, c0 }, ['hAll', 'cAll', 'acts'], attrs, maskInput(mask));
    return {
      sequence: slice(packed, [0, 0, 0], [batch, steps, units]),
      h: reshape(slice(packed, [0, steps, 0], [batch, 1, units]), [batch, units]),
      c: reshape(slice(packed, [0, steps + 1, 0], [batch, 1, units]), [batch, units]),
    };
  });
}
