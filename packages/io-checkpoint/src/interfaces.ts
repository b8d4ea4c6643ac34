/**
 * What io-checkpoint needs from a model and an optimizer, declared structurally so that this package depends on
 * `@keras-ts/tensor` only (the models and optimizers packages satisfy these without importing them).
 */
import type { Variable } from '@keras-ts/tensor';

/** A layer: its name and all its weights (own and sublayers'). Sublayers are found in its properties. */
export interface CheckpointLayer {
  name: string;
  readonly weights: Variable[];
}

/** A model: its layers in `model.layers` order (a layer may itself be a model). */
export interface CheckpointModel {
  readonly layers: CheckpointLayer[];
  readonly trainableWeights?: Variable[];
  /** A compiled model's optimizer; saved with the weights, as tf.keras 2 does. */
  readonly optimizer?: unknown;
}

export interface CheckpointSlot {
  /** The model variable the slot belongs to. */
  variable: Variable;
  /** tf.keras 2 slot name: `m`, `v`, `vhat`, `momentum`, `rms`, `mg`, `accumulator`, ... */
  slotName: string;
  slot: Variable;
}

export interface CheckpointOptimizer {
  readonly iterations: Variable;
  slots(): CheckpointSlot[];
  getConfig(): Record<string, unknown>;
  readonly name?: string;
  readonly built?: boolean;
  /** Creates the slots for `vars` (called before restoring slots into an optimizer that has none yet). */
  build?(vars: Variable[]): void;
  /** tf.keras 2 ordered state and names (`<name>/iter:0`, `<name>/momentum_cache:0`, ...), for non-slot state. */
  weightVariables?(): Variable[];
  weightNames?(): string[];
}

export function isCheckpointOptimizer(x: unknown): x is CheckpointOptimizer {
  const o = x as CheckpointOptimizer | null;
  return !!o && typeof o === 'object' && typeof o.slots === 'function' && typeof o.getConfig === 'function' && !!o.iterations;
}

export function isCheckpointModel(x: unknown): x is CheckpointModel {
  const m = x as CheckpointModel | null;
  return !!m && typeof m === 'object' && Array.isArray(m.layers);
}
