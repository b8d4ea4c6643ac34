/** The attention family: Attention, AdditiveAttention, MultiHeadAttention. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Attention } from './attention.js';
import { AdditiveAttention } from './additive-attention.js';
import { MultiHeadAttention } from './multi-head-attention.js';

registerLayer(Attention);
registerLayer(AdditiveAttention);
registerLayer(MultiHeadAttention);

export { Attention, AdditiveAttention, MultiHeadAttention };
export type { AttentionArgs } from './attention.js';
export type { AdditiveAttentionArgs } from './additive-attention.js';
export type { AttentionCallArgs, BaseDenseAttentionArgs } from './base-dense-attention.js';
export type { MultiHeadAttentionArgs, MultiHeadAttentionCallArgs } from './multi-head-attention.js';
