import { registerLayer } from '../serialization/layer-serialization.js';
import { InputLayer } from './input-layer.js';
import { Dense } from './dense.js';
import { Activation } from './activation.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { Reshape } from './reshape.js';
import { Permute } from './permute.js';
import { RepeatVector } from './repeat-vector.js';
import { Lambda } from './lambda.js';

registerLayer(InputLayer);
registerLayer(Dense);
registerLayer(Activation);
registerLayer(Dropout);
registerLayer(Flatten);
registerLayer(Reshape);
registerLayer(Permute);
registerLayer(RepeatVector);
registerLayer(Lambda);

export { InputLayer, Input } from './input-layer.js';
export type { InputLayerArgs, InputArgs } from './input-layer.js';
export { Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector, Lambda };
export type { DenseArgs } from './dense.js';
export type { DropoutArgs } from './dropout.js';
export type { LambdaArgs, LambdaFn } from './lambda.js';
export { checkDataFormat, type DataFormat } from './flatten.js';
