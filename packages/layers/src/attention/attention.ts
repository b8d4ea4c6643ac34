/**
 * `Attention` (Luong-style): scores `query @ key^T` (`score_mode='dot'`, times a learned scalar `scale` with
 * `use_scale`) or `concat_score_weight * sum(tanh(scale * (q + k)))` (`score_mode='concat'`).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import type { Shape } from '../engine/shape.js';
import { BaseDenseAttention, type BaseDenseAttentionArgs } from './base-dense-attention.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export interface AttentionArgs extends BaseDenseAttentionArgs {
  useScale?: boolean;
  scoreMode?: 'dot' | 'concat';
}

export class Attention extends BaseDenseAttention {
  static override className = 'Attention';
  readonly useScale: boolean;
  readonly scoreMode: 'dot' | 'concat';
  scale: tf.Variable | null = null;
  concatScoreWeight: tf.Variable | null = null;

  constructor(args: AttentionArgs = {}) {
    super(args);
    this.useScale = args.useScale ?? false;
    this.scoreMode = args.scoreMode ?? 'dot';
    if (this.scoreMode !== 'dot' && this.scoreMode !== 'concat') {
      throw new ValueError(`Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${this.scoreMode}`);
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    const [q, , k] = this.checkInputs(inputShape);
    const v = (inputShape as Shape[])[1];
    const keyDim = (k ?? v)[2];
    if (this.scoreMode === 'dot' && q[2] != null && keyDim != null && q[2] !== keyDim) {
      throw new ValueError(`Layer "${this.name}": with score_mode='dot' the query and key must have the same last dimension. Received: query last dim=${q[2]}, key last dim=${keyDim}.`);
    }
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [], initializer: 'ones' });
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight({ name: 'concat_score_weight', shape: [], initializer: 'ones' });
    super.build(inputShape);
  }

  protected scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    if (this.scoreMode === 'dot') {
      const s = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(s, this.scale) : s;
    }
    let sum = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
    if (this.scale) sum = tf.mul(sum, this.scale);
    return tf.mul(this.concatScoreWeight!, tf.sum(tf.tanh(sum), -1));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), use_scale: this.useScale, score_mode: this.scoreMode };
  }

  static override fromConfig(config: ConfigDict): Attention {
    return new Attention(camelizeKeys(config) as AttentionArgs);
  }
}
