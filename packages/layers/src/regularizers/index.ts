export { Regularizer, L1, L2, L1L2, l1, l2, l1L2, l1L2 as l1_l2, getRegularizer as get, serializeRegularizer as serialize } from './regularizers.js';
export type { RegularizerIdentifier } from './regularizers.js';
