/**
 * `Model`: a functional model (`new Model({ inputs, outputs })`) or, when subclassed with a `call` method, a
 * subclassed model. Both are layers (they nest in other models) and both train with `compile`/`fit`.
 * The training loop lives in `trainer/`; file formats plug in through `saving/formats.ts`.
 */
import * as tf from '@keras-ts/tensor';
import { NotImplementedError, RuntimeError, ValueError } from '@keras-ts/tensor';
import { Layer, InputLayer, KerasTensor, type CallArgs, type LayerArgs, type LayerInput, type LayerOutput, type Shape, type ConfigDict, type CustomObjects, isShapeList, uniqueName } from '@keras-ts/layers';
import type { History } from '@keras-ts/callbacks';
import { FunctionalGraph } from './functional/graph.js';
import { functionalToConfig, functionalFromConfig } from './functional/config.js';
import type { CompileArgs, CompiledState } from './trainer/compile.js';
import { compileModel } from './trainer/compile.js';
import type { FitArgs, EvaluateArgs, PredictArgs, ModelData } from './trainer/types.js';
import { fit } from './trainer/fit.js';
import { evaluate } from './trainer/evaluate.js';
import { predict, predictOnBatch } from './trainer/predict.js';
import { trainOnBatch, testOnBatch } from './trainer/on-batch.js';
import { summary, type SummaryArgs } from './summary.js';
import { saveModel, saveWeights, loadWeights, type SaveOptions, type LoadWeightsOptions } from './saving/formats.js';
import { toJson, toYaml } from './saving/json.js';

export interface ModelArgs extends LayerArgs {
  inputs?: KerasTensor | KerasTensor[] | Record<string, KerasTensor>;
  outputs?: KerasTensor | KerasTensor[] | Record<string, KerasTensor>;
}

export class Model extends Layer {
  static override className = 'Model';
  /** The functional graph; null for subclassed models (and Sequential models not built yet). */
  graph: FunctionalGraph | null = null;
  stopTraining = false;
  /** Set by `compile`. */
  compiled: CompiledState | null = null;
  history: History | null = null;
  protected inputsSingle = true;
  protected outputsSingle = true;

  constructor(args: ModelArgs = {}) {
    const own = Object.prototype.hasOwnProperty.call(new.target, 'className');
    const clsName = own ? (new.target as unknown as { className: string }).className : new.target.name;
    super({ ...args, name: args.name ?? uniqueName(clsName === 'Model' ? 'model' : toSnake(clsName)) });
    if (args.inputs || args.outputs) {
      if (!args.inputs || !args.outputs) throw new ValueError('A functional Model needs both `inputs` and `outputs`.');
      this.initGraph(args.inputs, args.outputs);
    }
  }

  /** (Re)defines the functional graph. */
  protected initGraph(
    inputs: KerasTensor | KerasTensor[] | Record<string, KerasTensor>,
    outputs: KerasTensor | KerasTensor[] | Record<string, KerasTensor>,
  ): void {
    const list = (x: KerasTensor | KerasTensor[] | Record<string, KerasTensor>) =>
      x instanceof KerasTensor ? [x] : Array.isArray(x) ? x : Object.values(x);
    this.graph = new FunctionalGraph(list(inputs), list(outputs), this.name);
    // One input/output is passed and returned as a tensor, not a list (as Keras does for one-element lists).
    this.inputsSingle = this.graph.inputs.length === 1;
    this.outputsSingle = this.graph.outputs.length === 1;
    this.built = true;
    const shapes = this.graph.inputs.map((t) => t.shape);
    this.buildInputShape = shapes.length === 1 ? shapes[0] : shapes;
  }

  get isFunctional(): boolean {
    return this.graph !== null;
  }

  /** The model's layers (for functional models: in Keras's order, input layers included). */
  get layers(): Layer[] {
    if (this.graph) return this.graph.layers;
    return this.trackedLayers;
  }

  override get trackedLayers(): Layer[] {
    if (this.graph) return this.graph.layers;
    return super.trackedLayers.filter((l) => !(l instanceof InputLayer));
  }

  /** A layer by name or index. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      if (nameOrIndex < 0 || nameOrIndex >= layers.length) throw new ValueError(`Was asked to retrieve layer at index ${nameOrIndex} but model only has ${layers.length} layers.`);
      return layers[nameOrIndex];
    }
    const found = layers.find((l) => l.name === nameOrIndex);
    if (!found) throw new ValueError(`No such layer: ${nameOrIndex}. Existing layers are: ${layers.map((l) => l.name).join(', ')}.`);
    return found;
  }

  get inputs(): KerasTensor[] {
    return this.graph?.inputs ?? [];
  }
  get outputs(): KerasTensor[] {
    return this.graph?.outputs ?? [];
  }
  get inputNames(): string[] {
    return this.inputs.map((t) => t.kerasHistory!.layer.name);
  }
  get outputNames(): string[] {
    return this.outputs.map((t) => t.kerasHistory!.layer.name);
  }
  /** Whether the model returns a list of outputs (vs one tensor). */
  get hasMultipleOutputs(): boolean {
    return this.graph ? !this.outputsSingle || this.graph.outputs.length > 1 : false;
  }

  override call(inputs: LayerInput, kwargs: CallArgs = {}): LayerOutput {
    if (!this.graph) {
      throw new NotImplementedError(`Model "${this.name}" has no call(): subclasses of Model must implement call(inputs, kwargs), or pass { inputs, outputs } to new Model().`);
    }
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const outs = this.graph.run(list, { training: kwargs.training });
    return this.outputsSingle && outs.length === 1 ? outs[0] : outs;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (this.graph) {
      const outs = this.graph.outputs.map((o) => o.shape);
      const batch = (isShapeList(inputShape) ? inputShape[0] : inputShape)[0];
      const withBatch = outs.map((s) => [batch, ...s.slice(1)]);
      return this.outputsSingle && withBatch.length === 1 ? withBatch[0] : withBatch;
    }
    return super.computeOutputShape(inputShape);
  }

  /**
   * Builds a subclassed model by calling it on symbolic inputs of `inputShape` (batch dimension included), or
   * on zeros when the shapes are all known.
   */
  override build(inputShape: Shape | Shape[]): void {
    if (this.graph || this.built) {
      this.built = true;
      return;
    }
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    tf.tidy(() => {
      const xs = shapes.map((s) => tf.zeros(s.map((d) => d ?? 1)));
      this.call(xs.length === 1 ? xs[0] : xs, { training: false });
    });
    this.buildInputShape = inputShape;
    this.built = true;
  }

  // ---- training (delegated to the trainer) ----------------------------------------------------------------

  /** Configures the model for training. */
  compile(args: CompileArgs): void {
    this.compiled = compileModel(this, args);
  }
  get optimizer(): CompiledState['optimizer'] | undefined {
    return this.compiled?.optimizer;
  }
  /** Trains the model; resolves to the `History`. */
  fit(x: ModelData, y?: ModelData | FitArgs, args?: FitArgs): Promise<History> {
    return fit(this, x, y, args);
  }
  evaluate(x: ModelData, y?: ModelData | EvaluateArgs, args?: EvaluateArgs): Promise<number | number[] | Record<string, number>> {
    return evaluate(this, x, y, args);
  }
  predict(x: ModelData, args?: PredictArgs): tf.Tensor | tf.Tensor[];
  predict(x: AsyncIterable<unknown>, args?: PredictArgs): Promise<tf.Tensor | tf.Tensor[]>;
  predict(x: ModelData | AsyncIterable<unknown>, args?: PredictArgs): tf.Tensor | tf.Tensor[] | Promise<tf.Tensor | tf.Tensor[]> {
    return predict(this, x, args);
  }
  trainOnBatch(x: ModelData, y: ModelData, args?: { sampleWeight?: tf.Tensor; classWeight?: Record<number, number> }): number | number[] {
    return trainOnBatch(this, x, y, args);
  }
  testOnBatch(x: ModelData, y: ModelData, args?: { sampleWeight?: tf.Tensor }): number | number[] {
    return testOnBatch(this, x, y, args);
  }
  predictOnBatch(x: ModelData): tf.Tensor | tf.Tensor[] {
    return predictOnBatch(this, x);
  }

  /** Prints (or returns) the Keras summary table. */
  summary(args: SummaryArgs = {}): string {
    return summary(this, args);
  }

  // ---- saving ---------------------------------------------------------------------------------------------

  /** Saves the whole model; the format follows the suffix (`.h5`, `.keras`, ...; see registerModelFormat). */
  save(path: string, options: SaveOptions = {}): Promise<void> {
    return saveModel(this, path, options);
  }
  /** Saves the weights: `.h5`/`.weights.h5` → HDF5, otherwise a TensorFlow checkpoint (registered formats). */
  saveWeights(path: string, options: SaveOptions = {}): Promise<void> {
    return saveWeights(this, path, options);
  }
  loadWeights(path: string, options: LoadWeightsOptions = {}): Promise<void> {
    return loadWeights(this, path, options);
  }
  toJson(): string {
    return toJson(this);
  }
  toYaml(): string {
    return toYaml(this);
  }

  override getConfig(): ConfigDict {
    if (!this.graph) {
      throw new NotImplementedError(
        `Model "${this.name}" is a subclassed model: subclassed models are not serializable from config (their code ` +
          'defines them). Save its weights with saveWeights() and rebuild it in code, or implement getConfig() and fromConfig().',
      );
    }
    return functionalToConfig(this);
  }

  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): Model {
    const { name, inputs, outputs } = functionalFromConfig(config, customObjects);
    return new Model({ name, inputs, outputs });
  }

  override dispose(): void {
    this.compiled?.dispose();
    super.dispose();
  }
}

function toSnake(name: string): string {
  return name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Throws unless `model` is compiled. */
export function assertCompiled(model: Model, what: string): NonNullable<Model['compiled']> {
  if (!model.compiled) throw new RuntimeError(`You must call \`compile()\` before using the model for ${what}.`);
  return model.compiled;
}
