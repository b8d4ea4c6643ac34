/** `AdditiveAttention` (Bahdanau-style): scores `sum(scale * tanh(q + k), -1)`, `scale` a learned `[dim]` vector. */
import * as tf from '@keras-ts/tensor';
import type { Shape } from '../engine/shape.js';
import { ValueError } from '@keras-ts/tensor';
import { BaseDenseAttention, type BaseDenseAttentionArgs } from './base-dense-attention.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface AdditiveAttentionArgs extends BaseDenseAttentionArgs {
  useScale?: boolean;
}

export class AdditiveAttention extends BaseDenseAttention {
  static override className = 'AdditiveAttention';
  readonly useScale: boolean;
  scale: tf.Variable | null = null;

  constructor(args: AdditiveAttentionArgs = {}) {
    super(args);
    this.useScale = args.useScale ?? true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [q, v, k] = this.checkInputs(inputShape);
    const dim = q[2];
    const keyDim = (k ?? v)[2];
    if (dim == null) throw new ValueError(`Layer "${this.name}": the last dimension of the query should be defined. Received: ${q}`);
    if (keyDim != null && keyDim !== dim) {
      throw new ValueError(`Layer "${this.name}": query and key must have the same last dimension. Received: query last dim=${dim}, key last dim=${keyDim}.`);
    }
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [dim], initializer: 'glorot_uniform' });
    super.build(inputShape);
  }

  protected scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    const t = tf.tanh(tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1)));
    return tf.sum(this.scale ? tf.mul(t, this.scale) : t, -1);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), use_scale: this.useScale };
  }

  static override fromConfig(config: ConfigDict): AdditiveAttention {
    return new AdditiveAttention(camelizeKeys(config) as AdditiveAttentionArgs);
  }
}
