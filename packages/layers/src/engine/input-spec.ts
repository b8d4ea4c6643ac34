/** `InputSpec`: what a layer accepts (rank, fixed axes, dtype), checked on every call with Keras's messages. */
import { ShapeError } from '@keras-ts/tensor';
import type { Shape } from './shape.js';
import { shapeToString } from './shape.js';

export interface InputSpecArgs {
  dtype?: string;
  shape?: Shape;
  ndim?: number;
  maxNdim?: number;
  minNdim?: number;
  /** Fixed values of some axes, e.g. `{ [-1]: 32 }`. */
  axes?: Record<number, number>;
  allowLastAxisSqueeze?: boolean;
  name?: string;
}

export class InputSpec {
  dtype?: string;
  shape?: Shape;
  ndim?: number;
  maxNdim?: number;
  minNdim?: number;
  axes?: Record<number, number>;
  allowLastAxisSqueeze: boolean;
  name?: string;
  constructor(args: InputSpecArgs) {
    Object.assign(this, args);
    this.allowLastAxisSqueeze = args.allowLastAxisSqueeze ?? false;
    if (args.shape) this.ndim = args.shape.length;
  }
}

/** Throws a ShapeError like Keras's when `shapes` do not satisfy `specs` for `layerName`. */
export function assertInputCompatibility(specs: InputSpec | InputSpec[] | null | undefined, shapes: Shape[], layerName: string): void {
  if (!specs) return;
  const list = Array.isArray(specs) ? specs : [specs];
  if (list.length === 0) return;
  if (shapes.length !== list.length && list.length > 1) {
    throw new ShapeError(`Layer "${layerName}" expects ${list.length} input(s), but it received ${shapes.length} input tensors.`);
  }
  list.forEach((spec, i) => {
    if (!spec) return;
    const shape = shapes[i];
    const pre = `Input ${i} of layer "${layerName}" is incompatible with the layer: `;
    const full = `Full shape received: ${shapeToString(shape)}`;
    const ndim = shape.length;
    if (spec.ndim != null && !spec.allowLastAxisSqueeze && ndim !== spec.ndim) {
      throw new ShapeError(`${pre}expected ndim=${spec.ndim}, found ndim=${ndim}. ${full}`);
    }
    if (spec.maxNdim != null && ndim > spec.maxNdim) throw new ShapeError(`${pre}expected max_ndim=${spec.maxNdim}, found ndim=${ndim}`);
    if (spec.minNdim != null && ndim < spec.minNdim) throw new ShapeError(`${pre}expected min_ndim=${spec.minNdim}, found ndim=${ndim}. ${full}`);
    if (spec.axes) {
      for (const [k, v] of Object.entries(spec.axes)) {
        const axis = Number(k);
        const dim = shape[axis < 0 ? ndim + axis : axis];
        if (v != null && dim != null && dim !== v) {
          throw new ShapeError(`${pre}expected axis ${axis} of input shape to have value ${v}, but received input with shape ${shapeToString(shape)}`);
        }
      }
    }
    if (spec.shape) {
      spec.shape.forEach((d, j) => {
        if (d != null && shape[j] != null && shape[j] !== d) {
          throw new ShapeError(`${pre}expected shape=${shapeToString(spec.shape!)}, found shape=${shapeToString(shape)}`);
        }
      });
    }
  });
}
