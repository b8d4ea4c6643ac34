/** The embedding family: Embedding (with `mask_zero`) and Masking. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Embedding } from './embedding.js';
import { Masking } from './masking.js';

registerLayer(Embedding);
registerLayer(Masking);

export { Embedding, Masking };
export type { EmbeddingArgs } from './embedding.js';
export type { MaskingArgs } from './masking.js';
