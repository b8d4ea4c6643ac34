/**
 * What the whole-sequence recurrent kernels (lstm-sequence.ts, gru-sequence.ts) share: moving the time axis
 * first and back, and the custom-gradient op around a forward kernel and its gradient kernel.
 */
import { customGrad, engine, Reverse, Transpose } from '@tensorflow/tfjs-core';
import type { GradSaveFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { free, runStock, type WasmBackend } from '../wasm/heap.js';

/**
 * [B, T, n] <-> [T, B, n]; with `reverseAxis`, also reversed along that axis of the result (the time axis, for
 * a sequence processed backwards).
 */
export function swapTime(b: WasmBackend, t: TensorInfo, reverseAxis: 0 | 1 | null = null): TensorInfo {
  const s = runStock(b, Transpose, { x: t }, { perm: [1, 0, 2] });
  if (reverseAxis === null) return s;
  const r = runStock(b, Reverse, { x: s }, { dims: [reverseAxis] });
  free(b, s);
  return r;
}

/**
 * Runs kernel `forward` on `inputs` (named as the kernel wants them, the recurrent kernel as `u`): it returns
 * the op's value, then the tensors its gradient needs, named `saved` for kernel `gradient`, which takes them with
 * `dy` and `u` and returns the gradients of `inputs` in their order.
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
): Tensor {
  const e = engine();
  const names = Object.keys(inputs);
  const op = customGrad(((...args: unknown[]) => {
    const save = args.pop() as GradSaveFunc;
    const named = Object.fromEntries(names.map((n, i) => [n, args[i] as Tensor]));
    const [value, ...kept] = e.runKernel(forward, named, attrs) as Tensor[];
    save([named.u!, ...kept]);
    return {
      value: value!,
      gradFunc: (dy: Tensor, s: Tensor[]) => {
        const [u, ...rest] = s;
        return e.runKernel(gradient, { dy, u: u!, ...Object.fromEntries(saved.map((n, i) => [n, rest[i]!])) }, attrs) as Tensor[];
      },
    };
  }) as unknown as Parameters<typeof customGrad>[0]);
  return (op as unknown as (...t: Tensor[]) => Tensor)(...names.map((n) => inputs[n]!));
}
