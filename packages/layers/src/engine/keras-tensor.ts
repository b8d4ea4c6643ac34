/**
 * `KerasTensor`: a symbolic tensor (shape and dtype, no data) flowing through layers while a functional model
 * is being defined. `keras.Input({shape: [32]})` makes one; `layer.apply(kerasTensor)` returns new ones and
 * records the call (a {@link Node}) so that the graph can be walked and run later.
 */
import type { DataType } from '@keras-ts/tensor';
import type { Shape } from './shape.js';
import { shapeToString } from './shape.js';
import type { Layer } from './layer.js';

let nextId = 0;

export interface KerasHistory {
  layer: Layer;
  nodeIndex: number;
  tensorIndex: number;
}

export class KerasTensor {
  readonly id = nextId++;
  /** Which layer call made this tensor (set by `Layer.apply`); its `inboundNodes[nodeIndex]`. */
  kerasHistory?: KerasHistory;
  constructor(
    readonly shape: Shape,
    readonly dtype: DataType = 'float32',
    public name = `keras_tensor_${nextId}`,
  ) {}
  get rank(): number {
    return this.shape.length;
  }
  /** The layer that produced this tensor. */
  get sourceLayer(): Layer | undefined {
    return this.kerasHistory?.layer;
  }
  toString(): string {
    return `<KerasTensor shape=${shapeToString(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}

export function isKerasTensor(x: unknown): x is KerasTensor {
  return x instanceof KerasTensor;
}
