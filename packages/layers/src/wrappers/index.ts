/** The wrappers family: Bidirectional and TimeDistributed. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Bidirectional } from './bidirectional.js';
import { TimeDistributed } from './time-distributed.js';

registerLayer(Bidirectional);
registerLayer(TimeDistributed);

export { Bidirectional, TimeDistributed };
export type { BidirectionalArgs, MergeMode } from './bidirectional.js';
