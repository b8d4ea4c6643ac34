/**
 * One LSTM time step as one kernel on wasm (our SIMD module, assembly/lstm.ts): gate activations, the new
 * cell state and the output in one pass, and its gradient in one more. The op-by-op step costs about a dozen
 * kernels forward and twice as many backward, per time step; an LSTM over 64 steps ran ~4,000 kernels per
 * batch, each with the engine's fixed cost.
 *
 * Keras's gate order (i, f, c, o), sigmoid gates and tanh activations (the LSTM defaults). The forward kernel
 * also returns the five vectors its gradient needs (i, f, g, o, tanh(c')), saved for the backward pass.
 */
import { engine, getKernel, registerGradient, registerKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, pointer as offset, type WasmBackend } from '../wasm/heap.js';
import { simdKernels } from '../wasm/simd.js';

export const LSTM_CELL = 'KerasTsLstmCell';
export const LSTM_CELL_GRAD = 'KerasTsLstmCellGrad';

const forward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { z, c } = args.inputs as { z: TensorInfo; c: TensorInfo };
  const [batch, units] = c.shape as [number, number];
  const h = alloc(b, [batch, units]), cNew = alloc(b, [batch, units]), acts = alloc(b, [batch, 5 * units]);
  simdKernels(b)!.lstmCell(offset(b, z), offset(b, c), offset(b, h), offset(b, cNew), offset(b, acts), batch, units);
  return [h, cNew, acts];
};

const backward: KernelFunc = (args) => {
  const b = args.backend as WasmBackend;
  const { dh, dc, c, acts } = args.inputs as Record<string, TensorInfo>;
  const [batch, units] = c!.shape as [number, number];
  const dz = alloc(b, [batch, 4 * units]), dcPrev = alloc(b, [batch, units]);
  simdKernels(b)!.lstmCellGrad(offset(b, dh!), offset(b, dc!), offset(b, c!), offset(b, acts!), offset(b, dz), offset(b, dcPrev), batch, units);
  return [dz, dcPrev];
};

export function registerLstmCell(): void {
  if (getKernel(LSTM_CELL, 'wasm') != null) return;
  registerKernel({ kernelName: LSTM_CELL, backendName: 'wasm', kernelFunc: forward });
  registerKernel({ kernelName: LSTM_CELL_GRAD, backendName: 'wasm', kernelFunc: backward });
  registerGradient({
    kernelName: LSTM_CELL,
    inputsToSave: ['c'],
    outputsToSave: [false, false, true],
    gradFunc: (dys, saved) => {
      const [dh, dc] = dys as Tensor[];
      const [c, acts] = saved as [Tensor, Tensor];
      // Both parts come from one kernel run, made here in the engine's backward scope.
      const [dz, dcPrev] = engine().runKernel(LSTM_CELL_GRAD, { dh: dh!, dc: dc!, c, acts }) as Tensor[];
      return { z: () => dz!, c: () => dcPrev! };
    },
  });
}

/**
 * One LSTM step `z [batch, 4u]` (gate pre-activations, Keras order i, f, c, o), `c [batch, u]` -> the output
 * `h` and the new cell state, with sigmoid gates and tanh activations; null where no fused kernel runs (other
 * backends, other dtypes): the caller then runs the step op by op.
 */
export function lstmCell(z: Tensor, c: Tensor): { h: Tensor; c: Tensor } | null {
  const e = engine();
  if (e.backendName !== 'wasm' || z.dtype !== 'float32' || c.dtype !== 'float32' || z.rank !== 2 || c.rank !== 2) return null;
  if (z.shape[0] !== c.shape[0] || z.shape[1] !== 4 * c.shape[1]! || simdKernels(e.backend as unknown as WasmBackend) === null) return null;
  const [h, cNew, acts] = e.runKernel(LSTM_CELL, { z, c }) as Tensor[];
  acts!.dispose(); // kept by the tape where it records (saved output); not needed by the caller
  return { h: h!, c: cNew! };
}
