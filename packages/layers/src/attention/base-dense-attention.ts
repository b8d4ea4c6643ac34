/**
 * The dot-product-style attention layers (`Attention`, `AdditiveAttention`): inputs `[query, value]` or
 * `[query, value, key]` (`[batch, Tq, dim]`, `[batch, Tv, dim]`), masks `[queryMask, valueMask]`, call options
 * `returnAttentionScores` and `useCausalMask`. Subclasses compute the `[batch, Tq, Tv]` scores.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import { andMasks, applyScoreMask, causalMask } from './attention-masks.js';
import type { ConfigDict } from '../serialization/registry.js';

export interface BaseDenseAttentionArgs extends LayerArgs {
  dropout?: number;
  seed?: number | null;
  /** Deprecated tf.keras 2 option: a causal mask on every call (use `useCausalMask` in the call instead). */
  causal?: boolean;
}

export interface AttentionCallArgs extends CallArgs {
  returnAttentionScores?: boolean;
  useCausalMask?: boolean;
}

export abstract class BaseDenseAttention extends Layer {
  readonly dropout: number;
  readonly seed: number | null;
  readonly causal: boolean;

  constructor(args: BaseDenseAttentionArgs) {
    super(args);
    const d = args.dropout ?? 0;
    if (!(d >= 0 && d <= 1)) throw new ValueError(`Invalid value received for argument \`dropout\`. Expected a float value between 0 and 1. Received: dropout=${d}`);
    this.dropout = d;
    this.seed = args.seed ?? null;
    this.causal = args.causal ?? false;
    this.supportsMasking = true;
  }

  /** `[batch, Tq, Tv]` attention scores. */
  protected abstract scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor;

  protected checkInputs(shapes: Shape[] | Shape): Shape[] {
    const cls = (this.constructor as typeof Layer).className;
    if (!Array.isArray(shapes[0]) || (shapes.length !== 2 && shapes.length !== 3)) {
      throw new ValueError(`${cls} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: ${shapeToString(shapes as Shape)}.`);
    }
    const list = shapes as Shape[];
    // tf.keras 2 also accepts rank-2 inputs ([batch, dim]) and then attends across the batch (its matmul of
    // query and key^T is [batch, batch]); files from tf.keras 2 rely on it, so we compute the same.
    const rank2 = list.every((s) => s.length === 2);
    for (const s of list) {
      if (s.length !== 3 && !rank2) throw new ValueError(`${cls} layer "${this.name}" expects inputs of rank 3 ([batch, steps, dim]). Received: ${shapeToString(list)}.`);
    }
    return rank2 ? list.map((s) => [1, ...s]) : list;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.checkInputs(inputShape);
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: AttentionCallArgs): tf.Tensor | tf.Tensor[] {
    if (!Array.isArray(inputs)) this.checkInputs(inputs.shape);
    if (Array.isArray(inputs) && inputs.every((t) => t.rank === 2)) {
      // tf.keras 2's rank-2 case: one "sequence" made of the batch rows.
      const list = inputs;
      return tf.tidy(() => {
        const out = this.call(list.map((t) => tf.expandDims(t, 0)), { ...kwargs, mask: null });
        return Array.isArray(out) ? out.map((o) => tf.squeeze(o, [0])) : tf.squeeze(out, [0]);
      });
    }
    const [q, v, k = v] = inputs as tf.Tensor[];
    const masks = Array.isArray(kwargs.mask) ? kwargs.mask : [];
    const [qMask, vMask] = [masks[0] ?? null, masks[1] ?? null];
    const causal = kwargs.useCausalMask ?? this.causal;
    return tf.tidy(() => {
      const scores = this.scores(q, k);
      const [tq, tv] = scores.shape.slice(1) as number[];
      const mask = andMasks(vMask ? tf.expandDims(vMask, 1) : null, causal ? tf.expandDims(causalMask(tq, tv), 0) : null);
      const weights = tf.softmax(applyScoreMask(scores, mask));
      const used = kwargs.training && this.dropout > 0 ? tf.dropout(weights, this.dropout, undefined, this.seed ?? undefined) : weights;
      let result = tf.matMul(used, v);
      if (qMask) result = tf.mul(result, tf.expandDims(tf.cast(qMask, result.dtype), -1));
      return kwargs.returnAttentionScores ? [result, weights] : result;
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [q, v] = this.checkInputs(inputShape);
    const rank2 = (inputShape as Shape[]).every((s) => s.length === 2);
    return [...q.slice(rank2 ? 1 : 0, -1), v[v.length - 1]];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | null {
    if (!mask) return null;
    return (Array.isArray(mask) ? mask[0] : null) ?? null;
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = { ...super.getConfig(), dropout: this.dropout };
    if (this.causal) config.causal = true;
    return config;
  }
}
