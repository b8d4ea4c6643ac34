/** A `Node` records one call of a layer on symbolic inputs: what went in, what came out, and the arguments. */
import type { KerasTensor } from './keras-tensor.js';
import type { Layer } from './layer.js';

export interface NodeCallArgs {
  /** Whether the layer was called on a single tensor (not a list). */
  single: boolean;
  /** Non-tensor keyword arguments of the call (e.g. `training`). */
  kwargs: Record<string, unknown>;
  /** Symbolic tensors passed as keyword arguments (e.g. `initialState`), by name. */
  tensorKwargs: Record<string, KerasTensor | KerasTensor[]>;
}

export class Node {
  constructor(
    readonly layer: Layer,
    readonly inputs: KerasTensor[],
    readonly outputs: KerasTensor[],
    readonly callArgs: NodeCallArgs,
  ) {}

  /** Every symbolic tensor this node depends on (inputs and tensor keyword arguments). */
  get allInputs(): KerasTensor[] {
    const extra = Object.values(this.callArgs.tensorKwargs).flatMap((t) => (Array.isArray(t) ? t : [t]));
    return [...this.inputs, ...extra];
  }

  /** The nodes that produced this node's inputs. */
  get parentNodes(): Node[] {
    return this.allInputs.filter((t) => t.kerasHistory).map((t) => t.kerasHistory!.layer.inboundNodes[t.kerasHistory!.nodeIndex]);
  }
}
