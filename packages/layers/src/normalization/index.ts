/** The normalization family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { BatchNormalization } from './batch-normalization.js';
import { LayerNormalization } from './layer-normalization.js';
import { GroupNormalization } from './group-normalization.js';
import { UnitNormalization } from './unit-normalization.js';

registerLayer(BatchNormalization, 'BatchNormalizationV2', 'BatchNormalizationV1', 'SyncBatchNormalization');
registerLayer(LayerNormalization);
registerLayer(GroupNormalization);
registerLayer(UnitNormalization);

export { BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization };
export type { BatchNormalizationArgs } from './batch-normalization.js';
export type { LayerNormalizationArgs } from './layer-normalization.js';
export type { GroupNormalizationArgs } from './group-normalization.js';
export type { UnitNormalizationArgs } from './unit-normalization.js';
