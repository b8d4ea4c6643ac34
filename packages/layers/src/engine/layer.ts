/**
 * The `Layer` base class, with Keras's lifecycle: the constructor validates and stores options;
 * `build(inputShape)` creates weights with `addWeight`; `call(inputs, {training, mask})` computes;
 * `computeOutputShape` infers shapes; `getConfig` returns Keras's config dict.
 *
 * `apply(inputs)` is Python's `layer(inputs)`: it builds the layer on first use, checks the `inputSpec`, and
 * works on real tensors (computing) and on `KerasTensor`s (recording a node of a functional graph).
 */
import * as tf from '@keras-ts/tensor';
import { makeVariable, disposeVariable, ValueError, ShapeError, RuntimeError } from '@keras-ts/tensor';
import { KerasTensor, isKerasTensor } from './keras-tensor.js';
import { Node } from './node.js';
import { InputSpec, assertInputCompatibility } from './input-spec.js';
import type { Shape } from './shape.js';
import { isShapeList, shapeToString } from './shape.js';
import { toSnakeCase, uniqueName } from './naming.js';
import { currentTraining, getMask, setMask, withTraining } from './call-context.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict, CustomObjects } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type DTypeLike = tf.DataType | string | { class_name?: string; config?: { name?: string } };

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  dtype?: DTypeLike;
  /** Input shape without the batch dimension (first layer of a Sequential model). */
  inputShape?: Shape;
  /** Input shape with the batch dimension. */
  batchInputShape?: Shape;
  /** Keras 3's name for `batchInputShape`. */
  batchShape?: Shape;
  batchSize?: number;
  inputDim?: number;
  activityRegularizer?: RegularizerIdentifier | null;
}

export interface CallArgs {
  training?: boolean;
  mask?: tf.Tensor | Array<tf.Tensor | null> | null;
  [key: string]: unknown;
}

export interface AddWeightArgs {
  name: string;
  shape: number[];
  dtype?: tf.DataType;
  initializer?: InitializerIdentifier;
  regularizer?: RegularizerIdentifier | null;
  constraint?: ConstraintIdentifier | null;
  trainable?: boolean;
}

export type LayerInput = tf.Tensor | tf.Tensor[];
export type LayerOutput = tf.Tensor | tf.Tensor[];
type AnyTensor = tf.Tensor | KerasTensor;

interface WeightEntry {
  variable: tf.Variable;
  trainable: boolean;
  regularizer: Regularizer | null;
  constraint: Constraint | null;
}

function resolveDtype(dtype: DTypeLike | undefined): tf.DataType {
  if (dtype == null) return 'float32';
  const name = typeof dtype === 'string' ? dtype : dtype.config?.name ?? 'float32';
  if (name === 'float64' || name.startsWith('mixed_') || name === 'float16' || name === 'bfloat16') return 'float32';
  return name as tf.DataType;
}

export abstract class Layer {
  /** The Keras class name (`class_name` in configs). Subclasses set it. */
  static className = 'Layer';

  name: string;
  dtype: tf.DataType;
  built = false;
  inputSpec: InputSpec | InputSpec[] | null = null;
  supportsMasking = false;
  activityRegularizer: Regularizer | null;
  /** Batch input shape given at construction (inputShape/batchInputShape), for Sequential's first layer. */
  batchInputShape?: Shape;
  readonly inboundNodes: Node[] = [];
  readonly outboundNodes: Node[] = [];
  /** The shapes this layer was built with. */
  buildInputShape?: Shape | Shape[];
  protected weightEntries: WeightEntry[] = [];
  private callLosses: tf.Tensor[] = [];
  private _trainable: boolean;

  constructor(args: LayerArgs = {}) {
    const cls = this.constructor as typeof Layer;
    this.name = args.name ?? uniqueName(toSnakeCase(cls.className === 'Layer' ? cls.name : cls.className));
    this._trainable = args.trainable ?? true;
    this.dtype = resolveDtype(args.dtype);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    const batchShape = args.batchInputShape ?? args.batchShape;
    if (batchShape) this.batchInputShape = [...batchShape];
    else if (args.inputShape) this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
    else if (args.inputDim != null) this.batchInputShape = [args.batchSize ?? null, args.inputDim];
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  /** Creates the layer's weights for inputs of `inputShape`. Subclasses call `super.build` or set `built`. */
  build(inputShape: Shape | Shape[]): void {
    this.buildInputShape = inputShape;
    this.built = true;
  }

  /** The computation. `inputs` are real tensors here. */
  abstract call(inputs: LayerInput, kwargs: CallArgs): LayerOutput;

  /**
   * Output shape(s) for input shape(s). The default runs `call` on zeros twice, with unknown dimensions set to
   * two different sizes, and marks the output dimensions that changed as unknown (as Keras 3's
   * `compute_output_spec` does). Layers override it where a formula is cheaper.
   */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const probe = (batch: number, other: number) =>
      tf.tidy(() => {
        const make = (s: Shape, dtype: tf.DataType) => tf.zeros(s.map((d, i) => d ?? (i === 0 ? batch : other)), dtype);
        const dtypes = this.inputDtypes ?? [];
        const inputs = isShapeList(inputShape) ? inputShape.map((s, i) => make(s, dtypes[i] ?? 'float32')) : make(inputShape, dtypes[0] ?? this.dtype);
        const out = withTraining(false, () => this.call(inputs, { training: false }));
        const shapes = (Array.isArray(out) ? out : [out]).map((t) => t.shape as number[]);
        return shapes as unknown as tf.TensorContainer;
      }) as unknown as number[][];
    const a = probe(2, 13);
    const b = probe(3, 17);
    const merged = a.map((s, i) => s.map((d, j) => (d === b[i][j] ? d : null)));
    return merged.length === 1 && !this.multiOutput ? merged[0] : merged;
  }

  /** Input dtypes recorded at the last symbolic call (used by the default shape inference). */
  protected inputDtypes?: tf.DataType[];
  /** Set by layers whose `call` returns a list even for one output. */
  protected multiOutput = false;

  /** The output mask: by default the input mask passes through when the layer supports masking. */
  computeMask(_inputs: LayerInput, mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | Array<tf.Tensor | null> | null {
    if (!this.supportsMasking) return null;
    return mask ?? null;
  }

  // ---- calling ------------------------------------------------------------------------------------------

  /**
   * Calls the layer (Python's `layer(inputs)`). On real tensors it computes; on `KerasTensor`s it records the
   * call in the functional graph and returns symbolic outputs. Builds the layer on first use.
   */
  apply<R = KerasTensor>(inputs: KerasTensor | KerasTensor[], kwargs?: CallArgs): R;
  apply<R = tf.Tensor>(inputs: tf.Tensor | tf.Tensor[], kwargs?: CallArgs): R;
  apply(inputs: AnyTensor | AnyTensor[], kwargs: CallArgs = {}): unknown {
    const flat = Array.isArray(inputs) ? inputs : [inputs];
    if (flat.length === 0) throw new ValueError(`Layer "${this.name}" was called with an empty list of inputs.`);
    const tensorKwargs = Object.entries(kwargs).filter(([, v]) => isKerasTensor(v) || (Array.isArray(v) && v.some(isKerasTensor)));
    if (flat.some(isKerasTensor) || tensorKwargs.length) {
      if (!flat.every(isKerasTensor)) {
        throw new ValueError(`Layer "${this.name}" was called with a mix of symbolic (KerasTensor) and real tensors.`);
      }
      return this.applySymbolic(inputs as KerasTensor | KerasTensor[], kwargs);
    }
    return this.applyEager(inputs as LayerInput, kwargs);
  }

  private shapesOf(flat: AnyTensor[]): Shape[] {
    return flat.map((t) => [...t.shape]);
  }

  /** Builds the layer for `inputShape` if it is not built yet (checking the input spec first). */
  maybeBuild(inputShape: Shape | Shape[]): void {
    if (this.built) return;
    this.build(inputShape);
    this.buildInputShape = inputShape;
    this.built = true;
  }

  private applyEager(inputs: LayerInput, kwargs: CallArgs): LayerOutput {
    const flat = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = this.shapesOf(flat);
    assertInputCompatibility(this.inputSpec, shapes, this.name);
    this.maybeBuild(Array.isArray(inputs) ? shapes : shapes[0]);
    assertInputCompatibility(this.inputSpec, shapes, this.name);
    let mask = kwargs.mask;
    if (mask === undefined) {
      const ms = flat.map((t) => getMask(t));
      mask = ms.some((m) => m) ? (Array.isArray(inputs) ? ms : ms[0]) : null;
    }
    const training = kwargs.training ?? currentTraining();
    const outputs = withTraining(training, () => this.call(inputs, { ...kwargs, training, mask }));
    const outMask = this.computeMask(inputs, mask);
    if (outMask) {
      const outs = Array.isArray(outputs) ? outputs : [outputs];
      const ms = Array.isArray(outMask) ? outMask : outs.map(() => outMask);
      outs.forEach((o, i) => setMask(o, ms[i] ?? null));
    }
    if (this.activityRegularizer) {
      for (const o of Array.isArray(outputs) ? outputs : [outputs]) {
        const reg = this.activityRegularizer;
        this.addLoss(tf.tidy(() => tf.div(reg.apply(o), o.shape[0] ?? 1)));
      }
    }
    return outputs;
  }

  private applySymbolic(inputs: KerasTensor | KerasTensor[], kwargs: CallArgs): KerasTensor | KerasTensor[] {
    const flat = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = this.shapesOf(flat);
    assertInputCompatibility(this.inputSpec, shapes, this.name);
    this.inputDtypes = flat.map((t) => t.dtype);
    const shapeArg = Array.isArray(inputs) ? shapes : shapes[0];
    this.maybeBuild(shapeArg);
    assertInputCompatibility(this.inputSpec, shapes, this.name);
    const outShape = this.computeOutputShape(shapeArg);
    const outShapes = isShapeList(outShape) ? outShape : [outShape];
    const outDtype = this.outputDtype(flat);
    const outputs = outShapes.map((s, i) => new KerasTensor(s, outDtype, outShapes.length > 1 ? `${this.name}/out_${i}` : this.name));
    const plain: Record<string, unknown> = {};
    const tensorKwargs: Record<string, KerasTensor | KerasTensor[]> = {};
    for (const [k, v] of Object.entries(kwargs)) {
      if (isKerasTensor(v) || (Array.isArray(v) && v.some(isKerasTensor))) tensorKwargs[k] = v as KerasTensor;
      else plain[k] = v;
    }
    const node = new Node(this, flat, outputs, { single: !Array.isArray(inputs), kwargs: plain, tensorKwargs });
    const nodeIndex = this.inboundNodes.length;
    this.inboundNodes.push(node);
    for (const t of node.allInputs) t.sourceLayer?.outboundNodes.push(node);
    outputs.forEach((o, tensorIndex) => (o.kerasHistory = { layer: this, nodeIndex, tensorIndex }));
    return isShapeList(outShape) || this.multiOutput ? outputs : outputs[0];
  }

  /** dtype of the outputs of a symbolic call (layers that cast, like Embedding's input, override). */
  protected outputDtype(_inputs: KerasTensor[]): tf.DataType {
    return this.dtype;
  }

  // ---- weights ------------------------------------------------------------------------------------------

  /** Creates a weight (a tfjs Variable that ops take directly) and tracks it. */
  addWeight(args: AddWeightArgs): tf.Variable {
    const { name, shape, dtype = this.dtype, regularizer = null, constraint = null } = args;
    const trainable = args.trainable ?? true;
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new ValueError(`Layer "${this.name}": weight "${name}" has an invalid shape ${shapeToString(shape)}.`);
    }
    const init = getInitializer(args.initializer, dtype.startsWith('float') ? 'glorot_uniform' : 'zeros');
    const value = init.apply(shape, dtype);
    const variable = makeVariable(value, { path: `${this.name}/${name}`, trainable: trainable && this._trainable, dtype });
    value.dispose();
    this.weightEntries.push({ variable, trainable, regularizer: getRegularizer(regularizer), constraint: getConstraint(constraint) });
    return variable;
  }

  /** Layers (and models) held in this layer's properties, in the order they were assigned (Keras's tracking). */
  get trackedLayers(): Layer[] {
    const out: Layer[] = [];
    const seen = new Set<Layer>([this]);
    for (const [key, value] of Object.entries(this)) {
      if (key === 'inboundNodes' || key === 'outboundNodes' || key.startsWith('_parent')) continue;
      const items = Array.isArray(value) ? value : [value];
      for (const v of items) if (v instanceof Layer && !seen.has(v)) (seen.add(v), out.push(v));
    }
    return out;
  }

  get trainable(): boolean {
    return this._trainable;
  }
  set trainable(value: boolean) {
    this._trainable = value;
    for (const e of this.weightEntries) e.variable.trainable = value && e.trainable;
    for (const l of this.trackedLayers) l.trainable = value;
  }

  /** Own weights then sublayers', trainable first within each layer (Keras's order). */
  get weights(): tf.Variable[] {
    return uniq([...this.ownTrainable(), ...this.ownNonTrainable(), ...this.trackedLayers.flatMap((l) => l.weights)]);
  }
  get trainableWeights(): tf.Variable[] {
    if (!this._trainable) return [];
    return uniq([...this.ownTrainable(), ...this.trackedLayers.flatMap((l) => l.trainableWeights)]);
  }
  get nonTrainableWeights(): tf.Variable[] {
    if (!this._trainable) return this.weights;
    return uniq([...this.ownNonTrainable(), ...this.trackedLayers.flatMap((l) => l.nonTrainableWeights)]);
  }
  get variables(): tf.Variable[] {
    return this.weights;
  }
  private ownTrainable(): tf.Variable[] {
    return this._trainable ? this.weightEntries.filter((e) => e.trainable).map((e) => e.variable) : [];
  }
  private ownNonTrainable(): tf.Variable[] {
    return this.weightEntries.filter((e) => !e.trainable || !this._trainable).map((e) => e.variable);
  }

  /** Copies of the weights' values, in `weights` order (the caller owns them). */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => tf.clone(w));
  }

  /** Sets the weights from values in `weights` order; counts and shapes are checked first. */
  setWeights(values: Array<tf.Tensor | tf.TensorLike>): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new ValueError(
        `You called \`setWeights(weights)\` on layer "${this.name}" with a weight list of length ${values.length}, but the layer was expecting ${ws.length} weights.`,
      );
    }
    const tensors = values.map((v, i) => (v instanceof tf.Tensor ? v : tf.tensor(v as tf.TensorLike, undefined, ws[i].dtype)));
    try {
      ws.forEach((w, i) => {
        if (!tf.util.arraysEqual(w.shape, tensors[i].shape)) {
          throw new ShapeError(
            `Layer ${this.name} weight shape ${shapeToString(w.shape)} is not compatible with provided weight shape ${shapeToString(tensors[i].shape)}.`,
          );
        }
      });
      ws.forEach((w, i) => w.assign(tensors[i].dtype === w.dtype ? tensors[i] : tf.cast(tensors[i], w.dtype)));
    } finally {
      tensors.forEach((t, i) => t !== values[i] && t.dispose());
    }
  }

  /** Weights with a constraint, to be applied after each optimizer step. */
  get constrainedWeights(): Array<{ variable: tf.Variable; constraint: Constraint }> {
    return [
      ...this.weightEntries.filter((e) => e.constraint).map((e) => ({ variable: e.variable, constraint: e.constraint! })),
      ...this.trackedLayers.flatMap((l) => l.constrainedWeights),
    ];
  }

  countParams(): number {
    if (!this.built) {
      throw new RuntimeError(`You tried to call \`countParams\` on layer "${this.name}", but the layer isn't built. You can build it manually via: \`layer.build(batchInputShape)\`.`);
    }
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  // ---- losses -------------------------------------------------------------------------------------------

  /** Adds a loss tensor (e.g. an activity penalty) during `call`; it is collected by the trainer. */
  addLoss(loss: tf.Tensor): void {
    this.callLosses.push(loss);
  }

  /**
   * Regularization penalties of the weights (computed now; the caller owns them) plus losses added during the
   * last call, for this layer and its sublayers.
   */
  get losses(): tf.Tensor[] {
    const own = this.weightEntries.filter((e) => e.regularizer).map((e) => e.regularizer!.apply(e.variable));
    return [...this.callLosses.filter((t) => !t.isDisposed), ...own, ...this.trackedLayers.flatMap((l) => l.losses)];
  }

  /** Forgets the losses added during previous calls (the trainer does this before each forward pass). */
  clearCallLosses(): void {
    this.callLosses = [];
    for (const l of this.trackedLayers) l.clearCallLosses();
  }

  // ---- functional-graph accessors -----------------------------------------------------------------------

  /** The output of the layer's only call (symbolic). */
  get output(): KerasTensor | KerasTensor[] {
    if (this.inboundNodes.length === 0) throw new RuntimeError(`The layer "${this.name}" has never been called and thus has no defined output.`);
    const outs = this.inboundNodes[0].outputs;
    return outs.length === 1 ? outs[0] : outs;
  }
  get input(): KerasTensor | KerasTensor[] {
    if (this.inboundNodes.length === 0) throw new RuntimeError(`The layer "${this.name}" has never been called and thus has no defined input.`);
    const ins = this.inboundNodes[0].inputs;
    return ins.length === 1 ? ins[0] : ins;
  }

  // ---- serialization ------------------------------------------------------------------------------------

  /** Keras's config dict (snake_case keys). Subclasses return `{ ...super.getConfig(), ...theirs }`. */
  getConfig(): ConfigDict {
    const config: ConfigDict = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batch_input_shape = this.batchInputShape;
    if (this.activityRegularizer) config.activity_regularizer = serializeRegularizer(this.activityRegularizer);
    return config;
  }

  /** Rebuilds a layer from its config. Layers with positional constructor arguments override this. */
  static fromConfig(this: new (args: never) => Layer, config: ConfigDict, _customObjects?: CustomObjects): Layer {
    return new this(camelizeKeys(config) as never);
  }

  /** Frees the layer's weights. */
  dispose(): void {
    for (const e of this.weightEntries) disposeVariable(e.variable);
    this.weightEntries = [];
    for (const l of this.trackedLayers) l.dispose();
    this.built = false;
  }

  toString(): string {
    return `<${(this.constructor as typeof Layer).className} name=${this.name}, built=${this.built}>`;
  }
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
