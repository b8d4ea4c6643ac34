/** Keras's functional forms of the merge layers: `add([a, b])` is `new Add().apply([a, b])`. */
import type * as tf from '@keras-ts/tensor';
import type { LayerArgs } from '../engine/layer.js';
import type { KerasTensor } from '../engine/keras-tensor.js';
import { Add } from './add.js';
import { Subtract } from './subtract.js';
import { Multiply } from './multiply.js';
import { Average } from './average.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Concatenate, type ConcatenateArgs } from './concatenate.js';
import { Dot, type DotArgs } from './dot.js';

type Inputs = KerasTensor[] | tf.Tensor[];
type Out<T extends Inputs> = T extends KerasTensor[] ? KerasTensor : tf.Tensor;

const run = <T extends Inputs>(layer: { apply(x: never): unknown }, inputs: T): Out<T> => layer.apply(inputs as never) as Out<T>;

export const add = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Add(args), inputs);
export const subtract = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Subtract(args), inputs);
export const multiply = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Multiply(args), inputs);
export const average = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Average(args), inputs);
export const maximum = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Maximum(args), inputs);
export const minimum = <T extends Inputs>(inputs: T, args: LayerArgs = {}) => run(new Minimum(args), inputs);
export const concatenate = <T extends Inputs>(inputs: T, axis = -1, args: ConcatenateArgs = {}) => run(new Concatenate({ ...args, axis }), inputs);
export const dot = <T extends Inputs>(inputs: T, axes: number | number[], normalize = false, args: DotArgs = {}) => run(new Dot(axes, { ...args, normalize }), inputs);
