/**
 * What the whole-sequence recurrent kernels (lstm-sequence.ts, gru-sequence.ts) share: moving the time axis
 * first and back, and the custom-gradient op around a forward kernel and its gradient kernel.
 */
import { cast, customGrad, engine, Reverse, Transpose } from '@tensorflow/tfjs-core';
import type { GradSaveFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { free, runStock, type WasmBackend } from '../wasm/heap.js';

/**
 * Swaps the first two axes ([B, T, ...] <-> [T, B, ...]); with `reverseAxis`, also reverses that axis of the
 * result (the time axis, for a sequence processed backwards).
 */
export function swapTime(b: WasmBackend, t: TensorInfo, reverseAxis: 0 | 1 | null = null): TensorInfo {
  const perm = t.shape.map((_, i) => (i < 2 ? 1 - i : i));
  const s = runStock(b, Transpose, { x: t }, { perm });
  if (reverseAxis === null) return s;
  const r = runStock(b, Reverse, { x: s }, { dims: [reverseAxis] });
  free(b, s);
  return r;
}

/**
 * A [batch, T] mask as float32 [T, batch] in processing order (reversed in time going backwards), the layout
 * the sequence loops read (assembly/sequence.ts); null without a mask. Freed by the caller.
 */
export function timeMajorMask(b: WasmBackend, mask: TensorInfo | undefined, goBackwards: boolean): TensorInfo | null {
  return mask === undefined ? null : swapTime(b, mask, goBackwards ? 0 : null);
}

/** Whether `mask` (null: none) is a [batch, steps] mask. */
export function maskFits(mask: Tensor | null, batch: number, steps: number): boolean {
  return mask === null || (mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === steps);
}

/** The mask as float32 (1 where a step counts), for the kernels; {} without one. */
export function maskInput(mask: Tensor | null): Record<string, Tensor> {
  return mask === null ? {} : { mask: mask.dtype === 'float32' ? mask : cast(mask, 'float32') };
}

/**
 * Runs kernel `forward` on `inputs` (named as the kernel wants them, the recurrent kernel as `u`) and `fixed`
 * (inputs without a gradient, such as a mask): it returns the op's value, then the tensors its gradient needs,
 * named `saved` for kernel `gradient`, which takes them with `dy`, `u` and `fixed` and returns the gradients of
 * `inputs` in their order.
 *
 * A custom gradient (not a registered one): the per-step states kept for the backward pass are saved tensors,
 * not outputs, so that the engine never makes zero gradients for them (megabytes per batch).
 */
export function sequenceOp(
  forward: string,
  gradient: string,
  inputs: Record<string, Tensor>,
  saved: string[],
  attrs: NamedAttrMap,
  fixed: Record<string, Tensor> = {},
): Tensor {
  const e = engine();
  const names = Object.keys(inputs), fixedNames = Object.keys(fixed);
  const op = customGrad(((...args: unknown[]) => {
    const save = args.pop() as GradSaveFunc;
    const named = Object.fromEntries(names.map((n, i) => [n, args[i] as Tensor]));
    const [value, ...kept] = e.runKernel(forward, { ...named, ...fixed }, attrs) as Tensor[];
    // Saved, so that they outlive the caller's scope until the backward pass.
    save([named.u!, ...kept, ...fixedNames.map((n) => fixed[n]!)]);
    return {
      value: value!,
      gradFunc: (dy: Tensor, s: Tensor[]) => {
        const [u, ...rest] = s;
        const byName = Object.fromEntries([...saved, ...fixedNames].map((n, i) => [n, rest[i]!]));
        return e.runKernel(gradient, { dy, u: u!, ...byName }, attrs) as Tensor[];
      },
    };
  }) as unknown as Parameters<typeof customGrad>[0]);
  return (op as unknown as (...t: Tensor[]) => Tensor)(...names.map((n) => inputs[n]!));
}
