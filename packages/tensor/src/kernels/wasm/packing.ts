/**
 * Which heap tensors XNNPack has already met as the right operand of a product. tfjs keeps XNNPack's packing
 * of that operand per tensor (until the tensor is freed or written in place), so a weight multiplied batch
 * after batch (predict, evaluate) is packed once and XNNPack's packed kernel is then the fastest path; an
 * operand met for the first time (training: weights change every step, gradients are new) would be packed for
 * one use, which is what our GEMM avoids. Keyed by the backend's per-tensor record, so entries go with tensors.
 */
const uses = new WeakMap<object, number>();

/** Counts one more use of `record` (the backend's `dataIdMap` entry) as a right operand; returns the count. */
export function noteRightOperand(record: object): number {
  const n = (uses.get(record) ?? 0) + 1;
  uses.set(record, n);
  return n;
}

/** The tensor behind `record` was written in place: any packing of it is gone (see `markWritten`). */
export function forgetPacking(record: object): void {
  uses.delete(record);
}
