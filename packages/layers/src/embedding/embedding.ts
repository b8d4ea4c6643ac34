/**
 * `Embedding`: looks up rows of an `[input_dim, output_dim]` table for integer inputs. With `maskZero`, index 0
 * is padding and the layer produces a mask (`inputs != 0`) that downstream layers (RNNs, attention) use.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import type { KerasTensor } from '../engine/keras-tensor.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface EmbeddingArgs extends LayerArgs {
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  maskZero?: boolean;
  /** tf.keras 2's fixed sequence length (accepted from old configs; sets the input shape of a first layer). */
  inputLength?: number | number[] | null;
}

export class Embedding extends Layer {
  static override className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  readonly maskZero: boolean;
  readonly inputLength: number | number[] | null;
  embeddings!: tf.Variable;

  constructor(inputDim: number, outputDim: number, args: EmbeddingArgs = {}) {
    // `input_dim` is the vocabulary size here, not the base layer's input shape shorthand.
    const { inputDim: _vocab, ...a } = args as EmbeddingArgs & { inputDim?: number };
    if (a.inputLength != null && !a.inputShape && !a.batchInputShape && !a.batchShape) {
      a.inputShape = Array.isArray(a.inputLength) ? a.inputLength : [a.inputLength];
    }
    super(a);
    for (const [k, v] of [['input_dim', inputDim], ['output_dim', outputDim]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new ValueError(`Both \`input_dim\` and \`output_dim\` should be positive, Received ${k}=${v}`);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer, { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } });
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint);
    this.maskZero = args.maskZero ?? false;
    this.inputLength = args.inputLength ?? null;
    this.supportsMasking = this.maskZero;
  }

  override build(inputShape: Shape): void {
    this.embeddings = this.addWeight({
      name: 'embeddings',
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
      const flat = tf.reshape(ids, [-1]);
      const rows = tf.gather(this.embeddings, flat);
      return tf.reshape(rows, [...x.shape, this.outputDim]);
    });
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[], _mask?: unknown): tf.Tensor | null {
    if (!this.maskZero) return null;
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.notEqual(x, tf.scalar(0, x.dtype)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  protected override outputDtype(_inputs: KerasTensor[]): tf.DataType {
    return 'float32';
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {
      ...super.getConfig(),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: serializeInitializer(this.embeddingsInitializer),
      embeddings_regularizer: this.embeddingsRegularizer ? serializeRegularizer(this.embeddingsRegularizer) : null,
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
      embeddings_constraint: this.embeddingsConstraint ? serializeConstraint(this.embeddingsConstraint) : null,
      mask_zero: this.maskZero,
      input_length: this.inputLength,
    };
    return config;
  }

  static override fromConfig(config: ConfigDict): Embedding {
    return new Embedding(config.input_dim as number, config.output_dim as number, camelizeKeys(config) as EmbeddingArgs);
  }
}
