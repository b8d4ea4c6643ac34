/** The activation-layers family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { ReLU } from './relu.js';
import { LeakyReLU } from './leaky-relu.js';
import { PReLU } from './prelu.js';
import { ELU } from './elu.js';
import { ThresholdedReLU } from './thresholded-relu.js';
import { Softmax } from './softmax.js';

for (const cls of [ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax]) registerLayer(cls);

export { ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax };
export { kerasRelu } from './relu.js';
export type { ReLUArgs } from './relu.js';
export type { LeakyReLUArgs } from './leaky-relu.js';
export type { PReLUArgs } from './prelu.js';
export type { ELUArgs } from './elu.js';
export type { ThresholdedReLUArgs } from './thresholded-relu.js';
export type { SoftmaxArgs } from './softmax.js';
