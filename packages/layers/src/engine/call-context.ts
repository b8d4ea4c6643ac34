/**
 * The call context: whether layers run in training mode when the caller did not say, inherited by nested
 * layer calls (Keras's `training` propagation), and the masks attached to eager tensors (`_keras_mask`).
 */
import type { Tensor } from '@keras-ts/tensor';

const trainingStack: boolean[] = [];

export function currentTraining(): boolean | undefined {
  return trainingStack.length ? trainingStack[trainingStack.length - 1] : undefined;
}

export function withTraining<T>(training: boolean | undefined, fn: () => T): T {
  if (training === undefined) return fn();
  trainingStack.push(training);
  try {
    return fn();
  } finally {
    trainingStack.pop();
  }
}

const masks = new WeakMap<Tensor, Tensor | null>();

/** The mask attached to an eager tensor by the layer that produced it (Python's `tensor._keras_mask`). */
export function getMask(t: Tensor): Tensor | null {
  return masks.get(t) ?? null;
}
export function setMask(t: Tensor, mask: Tensor | null): void {
  if (mask) masks.set(t, mask);
}
