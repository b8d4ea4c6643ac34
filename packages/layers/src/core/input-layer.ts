/** `InputLayer` and `Input()`: the entry point of a functional model. */
import type { DataType } from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type LayerOutput } from '../engine/layer.js';
import { KerasTensor } from '../engine/keras-tensor.js';
import { Node } from '../engine/node.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { uniqueName } from '../engine/naming.js';

export interface InputLayerArgs {
  /** Shape without the batch dimension. */
  inputShape?: Shape;
  shape?: Shape;
  batchSize?: number | null;
  batchInputShape?: Shape;
  batchShape?: Shape;
  dtype?: DataType | string | { config?: { name?: string } };
  name?: string;
  sparse?: boolean;
  ragged?: boolean;
}

export class InputLayer extends Layer {
  static override className = 'InputLayer';
  readonly output0: KerasTensor;

  constructor(args: InputLayerArgs = {}) {
    super({ name: args.name ?? uniqueName('input_layer'), dtype: args.dtype as DataType });
    const shape = args.shape ?? args.inputShape;
    const batchShape = args.batchShape ?? args.batchInputShape ?? (shape ? [args.batchSize ?? null, ...shape] : undefined);
    if (!batchShape) throw new ValueError('You must pass a `shape` argument to Input (e.g. keras.Input({ shape: [32] })).');
    if (args.sparse || args.ragged) throw new ValueError(`InputLayer "${this.name}": sparse and ragged inputs are not supported.`);
    this.batchInputShape = [...batchShape];
    this.built = true;
    this.output0 = new KerasTensor(this.batchInputShape, this.dtype, this.name);
    const node = new Node(this, [], [this.output0], { single: true, kwargs: {}, tensorKwargs: {} });
    this.inboundNodes.push(node);
    this.output0.kerasHistory = { layer: this, nodeIndex: 0, tensorIndex: 0 };
  }

  call(inputs: LayerOutput): LayerOutput {
    return inputs;
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ConfigDict {
    return { batch_input_shape: this.batchInputShape, dtype: this.dtype, sparse: false, ragged: false, name: this.name };
  }
  static override fromConfig(config: ConfigDict): InputLayer {
    return new InputLayer({
      batchInputShape: (config.batch_input_shape ?? config.batch_shape) as Shape,
      dtype: config.dtype as DataType,
      name: config.name as string,
      sparse: config.sparse as boolean,
      ragged: config.ragged as boolean,
    });
  }
}

export interface InputArgs {
  shape?: Shape;
  batchSize?: number | null;
  batchShape?: Shape;
  name?: string;
  dtype?: DataType;
  sparse?: boolean;
}

/** `keras.Input({ shape: [32] })`: a symbolic input tensor for a functional model. */
export function Input(args: InputArgs): KerasTensor {
  if (!args.shape && !args.batchShape) throw new ValueError('Input: please provide `shape` (without the batch dimension) or `batchShape`.');
  const layer = new InputLayer({ shape: args.shape, batchSize: args.batchSize, batchShape: args.batchShape, name: args.name, dtype: args.dtype, sparse: args.sparse });
  return layer.output0;
}
