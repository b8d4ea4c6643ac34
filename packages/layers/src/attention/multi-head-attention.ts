/**
 * `MultiHeadAttention` (Vaswani et al.): inputs `[query, value]` or `[query, value, key]`, call options
 * `attentionMask` (`[batch, Tq, Tk]`, true = attend), `returnAttentionScores`, `useCausalMask`; masks of the
 * inputs (Embedding `mask_zero`) combine with them as in Keras. Sublayers `query`, `key`, `value`,
 * `attention_output` hold Keras's einsum kernel layouts: `[dim, heads, key_dim]` (bias `[heads, key_dim]`)
 * and `[heads, value_dim, out...]`. `attentionAxes` (default: every axis between batch and features) are the
 * axes attention runs over, jointly; the other middle axes act as batch axes.
 */
import * as tf from '@keras-ts/tensor';
import { NotImplementedError, ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import { HeadProjection } from './head-projection.js';
import { andMasks, applyScoreMask, causalMask } from './attention-masks.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers/initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/regularizers.js';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/constraints.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  valueDim?: number | null;
  dropout?: number;
  useBias?: boolean;
  outputShape?: number | number[] | null;
  attentionAxes?: number | number[] | null;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  seed?: number | null;
  /** Keras 3.x options that are not supported (a config with them set is refused). */
  useGate?: boolean;
  slidingWindow?: number | null;
  /** tf.keras 2 stores the build shapes in the config; given, the layer builds at once. */
  queryShape?: Shape | null;
  keyShape?: Shape | null;
  valueShape?: Shape | null;
}

export interface MultiHeadAttentionCallArgs extends CallArgs {
  /** `[batch, Tq, Tk]` (true/1 = attend), as a tensor or nested arrays. */
  attentionMask?: tf.Tensor | tf.TensorLike | null;
  returnAttentionScores?: boolean;
  useCausalMask?: boolean;
}

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
const toMask = (m: tf.Tensor | tf.TensorLike | null | undefined): tf.Tensor | null => (m == null ? null : m instanceof tf.Tensor ? m : tf.tensor(m as tf.TensorLike));

export class MultiHeadAttention extends Layer {
  static override className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShapeArg: number[] | null;
  readonly attentionAxesArg: number[] | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly seed: number | null;
  queryDense: HeadProjection | null = null;
  keyDense: HeadProjection | null = null;
  valueDense: HeadProjection | null = null;
  outputDense: HeadProjection | null = null;
  private shapes: { query: Shape; value: Shape; key: Shape } | null = null;

  constructor(numHeads: number, keyDim: number, args: MultiHeadAttentionArgs = {}) {
    super(args);
    for (const [k, v] of [['num_heads', numHeads], ['key_dim', keyDim]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new ValueError(`Received an invalid value for argument \`${k}\`, expected a positive integer. Received: ${k}=${v}`);
    }
    if (args.useGate) throw new NotImplementedError(`MultiHeadAttention "${this.name}": use_gate=True (Keras 3.x gated attention) is not supported.`);
    if (args.slidingWindow != null) throw new NotImplementedError(`MultiHeadAttention "${this.name}": sliding_window is not supported.`);
    this.numHeads = numHeads;
    this.keyDim = keyDim;
    this.valueDim = args.valueDim ?? keyDim;
    this.dropout = args.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new ValueError(`Invalid value received for argument \`dropout\`. Expected a float value between 0 and 1. Received: dropout=${this.dropout}`);
    this.useBias = args.useBias ?? true;
    const os = args.outputShape;
    this.outputShapeArg = os == null ? null : typeof os === 'number' ? [os] : [...os];
    const ax = args.attentionAxes;
    this.attentionAxesArg = ax == null ? null : typeof ax === 'number' ? [ax] : [...ax];
    this.kernelInitializer = getInitializer(args.kernelInitializer, 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
    if (args.queryShape && args.valueShape) {
      const shapes = [args.queryShape, args.valueShape, ...(args.keyShape ? [args.keyShape] : [])];
      this.maybeBuild(shapes);
    }
  }

  private projection(name: string, contract: number, outShape: number[]): HeadProjection {
    return new HeadProjection({
      name, contract, outShape, useBias: this.useBias, dtype: this.dtype,
      kernelInitializer: this.kernelInitializer, biasInitializer: this.biasInitializer,
      kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    });
  }

  private splitShapes(inputShape: Shape | Shape[]): { query: Shape; value: Shape; key: Shape } {
    if (!Array.isArray(inputShape[0]) || inputShape.length < 2 || inputShape.length > 3) {
      throw new ValueError(`MultiHeadAttention "${this.name}" must be called on a list [query, value] or [query, value, key]. Received: ${shapeToString(inputShape as Shape)}`);
    }
    const [query, value, key = value] = inputShape as Shape[];
    if (query.length < 3) throw new ValueError(`MultiHeadAttention "${this.name}": query must have rank >= 3. Received: ${shapeToString(query)}`);
    if (value.length !== query.length || key.length !== query.length) {
      throw new ValueError(`MultiHeadAttention "${this.name}": query, value and key must have the same rank. Received: ${shapeToString([query, value, key])}`);
    }
    return { query, value, key };
  }

  /** The attention axes as positions in the projected `[batch, ..., heads, dim]` tensors. */
  private attentionAxes(rank: number): number[] {
    const middle = Array.from({ length: rank - 2 }, (_, i) => i + 1);
    if (!this.attentionAxesArg) return middle;
    const axes = this.attentionAxesArg.map((a) => (a < 0 ? a + rank : a));
    for (const a of axes) {
      if (!middle.includes(a)) throw new ValueError(`MultiHeadAttention "${this.name}": invalid attention_axes ${JSON.stringify(this.attentionAxesArg)} for inputs of rank ${rank} (axes must be between the batch and the feature axis).`);
    }
    return [...new Set(axes)].sort((x, y) => x - y);
  }

  override build(inputShape: Shape | Shape[]): void {
    const s = this.splitShapes(inputShape);
    this.shapes = s;
    const H = this.numHeads;
    this.queryDense = this.projection('query', 1, [H, this.keyDim]);
    this.queryDense.maybeBuild(s.query);
    this.keyDense = this.projection('key', 1, [H, this.keyDim]);
    this.keyDense.maybeBuild(s.key);
    this.valueDense = this.projection('value', 1, [H, this.valueDim]);
    this.valueDense.maybeBuild(s.value);
    const outShape = this.outputShapeArg ?? [s.query[s.query.length - 1] as number];
    this.outputDense = this.projection('attention_output', 2, outShape);
    this.outputDense.maybeBuild([...s.query.slice(0, -1), H, this.valueDim]);
    this.attentionAxes(s.query.length);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: MultiHeadAttentionCallArgs): tf.Tensor | tf.Tensor[] {
    if (!Array.isArray(inputs)) this.splitShapes(inputs.shape);
    const [query, value, key = value] = inputs as tf.Tensor[];
    const masks = Array.isArray(kwargs.mask) ? kwargs.mask : [];
    const [qMask, vMask, kMask] = [masks[0] ?? null, masks[1] ?? null, masks[2] ?? null];
    return tf.tidy(() => {
      const rank = query.rank;
      const axes = this.attentionAxes(rank);
      const nonAxes = Array.from({ length: rank - 2 }, (_, i) => i + 1).filter((a) => !axes.includes(a));
      const q = tf.mul(this.queryDense!.apply(query) as unknown as tf.Tensor, 1 / Math.sqrt(this.keyDim));
      const k = this.keyDense!.apply(key) as unknown as tf.Tensor;
      const v = this.valueDense!.apply(value) as unknown as tf.Tensor;
      // [B, mid..., H, d] -> [B, nonAxes..., H, axes..., d] -> [B, N, H, T, d]
      const headAxis = rank - 1;
      const perm = [0, ...nonAxes, headAxis, ...axes, rank];
      const B = query.shape[0];
      const nSize = prod(nonAxes.map((a) => query.shape[a]));
      const toHeads = (t: tf.Tensor) => {
        const p = tf.transpose(t, perm);
        return tf.reshape(p, [B, nSize, this.numHeads, prod(axes.map((a) => t.shape[a])), t.shape[rank]]);
      };
      const qh = toHeads(q);
      const kh = toHeads(k);
      const vh = toHeads(v);
      const [tq, dk] = qh.shape.slice(3) as number[];
      const tk = kh.shape[3] as number;
      let scores = tf.matMul(tf.reshape(qh, [-1, tq, dk]), tf.reshape(kh, [-1, tk, dk]), false, true);
      scores = tf.reshape(scores, [B, nSize, this.numHeads, tq, tk]);
      const mask = this.combinedMask(rank, B, nSize, tq, tk, qMask, vMask, kMask, toMask(kwargs.attentionMask), kwargs.useCausalMask ?? false);
      const weights = tf.softmax(applyScoreMask(scores, mask));
      const used = kwargs.training && this.dropout > 0 ? tf.dropout(weights, this.dropout, undefined, this.seed ?? undefined) : weights;
      let out = tf.matMul(tf.reshape(used, [-1, tq, tk]), tf.reshape(vh, [-1, tk, this.valueDim]));
      // [B, N, H, Tq, dv] -> [B, nonAxes..., H, axes..., dv] -> [B, mid..., H, dv]
      const permutedShape = perm.map((p) => (p === rank ? this.valueDim : p === headAxis ? this.numHeads : query.shape[p]));
      out = tf.reshape(out, permutedShape);
      const inverse = perm.map((_, i) => perm.indexOf(i));
      out = tf.transpose(out, inverse);
      const output = this.outputDense!.apply(out) as unknown as tf.Tensor;
      if (!kwargs.returnAttentionScores) return output;
      const scoreShape = [B, ...nonAxes.map((a) => query.shape[a]), this.numHeads, ...axes.map((a) => query.shape[a]), ...axes.map((a) => key.shape[a])];
      return [output, tf.reshape(weights, scoreShape)];
    });
  }

  /** Keras's `_compute_attention_mask`, as `[B, N, 1, Tq, Tk]` (or null). */
  private combinedMask(rank: number, B: number, n: number, tq: number, tk: number, qMask: tf.Tensor | null, vMask: tf.Tensor | null, kMask: tf.Tensor | null,
    attentionMask: tf.Tensor | null, causal: boolean): tf.Tensor | null {
    const auto: Array<tf.Tensor | null> = [];
    if (rank === 3) {
      if (qMask) auto.push(tf.reshape(qMask, [B, 1, 1, tq, 1]));
      if (vMask) auto.push(tf.reshape(vMask, [B, 1, 1, 1, tk]));
      if (kMask) auto.push(tf.reshape(kMask, [B, 1, 1, 1, tk]));
    }
    if (causal) auto.push(tf.reshape(causalMask(tq, tk), [1, 1, 1, tq, tk]));
    if (attentionMask) {
      if (attentionMask.size !== B * n * tq * tk && attentionMask.size !== n * tq * tk) {
        throw new ValueError(`MultiHeadAttention "${this.name}": attention_mask of shape ${shapeToString(attentionMask.shape)} does not match the attention scores ([batch, ..., Tq=${tq}, Tk=${tk}]).`);
      }
      auto.push(tf.reshape(attentionMask, [attentionMask.size === B * n * tq * tk ? B : 1, n, 1, tq, tk]));
    }
    return andMasks(...auto);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = this.splitShapes(inputShape);
    return [...s.query.slice(0, -1), ...(this.outputShapeArg ?? [s.query[s.query.length - 1]])];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | null {
    return (Array.isArray(mask) ? mask[0] : null) ?? null;
  }

  override getConfig(): ConfigDict {
    const ser = <T>(x: T | null, f: (v: T) => unknown) => (x ? f(x) : null);
    return {
      ...super.getConfig(),
      num_heads: this.numHeads,
      key_dim: this.keyDim,
      value_dim: this.valueDim,
      dropout: this.dropout,
      use_bias: this.useBias,
      output_shape: this.outputShapeArg,
      attention_axes: this.attentionAxesArg,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: ser(this.kernelRegularizer, serializeRegularizer),
      bias_regularizer: ser(this.biasRegularizer, serializeRegularizer),
      activity_regularizer: ser(this.activityRegularizer, serializeRegularizer),
      kernel_constraint: ser(this.kernelConstraint, serializeConstraint),
      bias_constraint: ser(this.biasConstraint, serializeConstraint),
      query_shape: this.shapes?.query ?? null,
      key_shape: this.shapes?.key ?? null,
      value_shape: this.shapes?.value ?? null,
    };
  }

  static override fromConfig(config: ConfigDict): MultiHeadAttention {
    return new MultiHeadAttention(config.num_heads as number, config.key_dim as number, camelizeKeys(config) as MultiHeadAttentionArgs);
  }
}
