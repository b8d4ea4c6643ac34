/**
 * `Sequential`: a plain stack of layers. With an input shape (an `InputLayer`, or `inputShape` on the first
 * layer) it is built at once, layer by layer, and shape errors surface in `add`; without one it is built on
 * first use with the shape of the data.
 */
import type * as tf from '@keras-ts/tensor';
import { ValueError, RuntimeError } from '@keras-ts/tensor';
import { Layer, InputLayer, KerasTensor, deserialize, serialize, type CallArgs, type LayerInput, type LayerOutput, type Shape, type ConfigDict, type CustomObjects, isShapeList } from '@keras-ts/layers';
import { Model, type ModelArgs } from './model.js';

export class Sequential extends Model {
  static override className = 'Sequential';
  private stack: Layer[] = [];
  private inputLayer: InputLayer | null = null;

  constructor(layers: Layer[] = [], args: Omit<ModelArgs, 'inputs' | 'outputs'> = {}) {
    super(args);
    for (const l of layers) this.add(l);
  }

  /** Layers in order (the InputLayer excluded, as Keras's `model.layers`). */
  override get layers(): Layer[] {
    return [...this.stack];
  }
  override get trackedLayers(): Layer[] {
    return [...this.stack];
  }

  /** Adds a layer on top of the stack. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) {
      throw new ValueError(`Only instances of keras.layers.Layer can be added to a Sequential model. Received: ${String(layer)} (of type ${typeof layer})`);
    }
    if (layer instanceof InputLayer) {
      if (this.stack.length || this.inputLayer) throw new ValueError('An InputLayer can only be the first layer of a Sequential model.');
      this.inputLayer = layer;
      this.rebuildGraph();
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new ValueError(`All layers added to a Sequential model should have unique names. Name "${layer.name}" is already the name of a layer in this model.`);
    }
    this.stack.push(layer);
    if (!this.inputLayer && this.stack.length === 1 && layer.batchInputShape) {
      this.inputLayer = new InputLayer({ batchInputShape: layer.batchInputShape, dtype: layer.dtype === 'int32' ? 'int32' : undefined, name: `${layer.name}_input` });
    }
    if (this.inputLayer) {
      if (this.graph) {
        // Extend the existing graph: shape errors surface here, as in Keras.
        try {
          const out = layer.apply(this.graph.outputs[0]);
          this.initGraph(this.graph.inputs[0], Array.isArray(out) ? out[0] : out);
        } catch (e) {
          this.stack.pop();
          throw e;
        }
      } else this.rebuildGraph();
    }
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new RuntimeError('There are no layers in the model.');
    this.graph = null;
    this.built = false;
    if (this.inputLayer) this.rebuildGraph();
    return layer;
  }

  private rebuildGraph(): void {
    const input = this.inputLayer!.output0;
    let x: KerasTensor = input;
    for (const layer of this.stack) {
      const out = layer.apply(x);
      x = Array.isArray(out) ? out[0] : out;
    }
    if (this.stack.length) this.initGraph(input, x);
    else this.graph = null;
  }

  /** Builds the model for inputs of `inputShape` (batch dimension included). */
  override build(inputShape: Shape | Shape[]): void {
    if (this.graph) return;
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    this.inputLayer = new InputLayer({ batchInputShape: [null, ...shape.slice(1)], name: `${this.stack[0]?.name ?? this.name}_input` });
    this.rebuildGraph();
    this.built = true;
  }

  override call(inputs: LayerInput, kwargs: CallArgs = {}): LayerOutput {
    if (!this.stack.length) throw new RuntimeError(`Sequential model "${this.name}" has no layers; add layers before calling it.`);
    if (!this.graph) this.build(((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor).shape);
    let x: LayerOutput = inputs;
    for (const layer of this.stack) {
      x = layer.apply(x as tf.Tensor, { training: kwargs.training }) as LayerOutput;
    }
    return x;
  }

  override getConfig(): ConfigDict {
    const layers = [] as unknown[];
    if (this.inputLayer) layers.push(serialize(this.inputLayer));
    for (const l of this.stack) layers.push(serialize(l));
    return { name: this.name, layers };
  }

  static override fromConfig(config: ConfigDict | unknown[], customObjects?: CustomObjects): Sequential {
    // Keras ≤2.2 wrote the layer list directly as the config.
    const layerConfigs = (Array.isArray(config) ? config : (config.layers as unknown[])) ?? [];
    const name = Array.isArray(config) ? undefined : (config.name as string | undefined);
    const model = new Sequential([], { name });
    for (const lc of layerConfigs) model.add(deserialize(lc as never, { customObjects }));
    return model;
  }
}

