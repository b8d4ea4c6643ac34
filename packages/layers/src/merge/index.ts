/** The merge family: registers its layers (registerLayer) and exports them. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { Add } from './add.js';
import { Subtract } from './subtract.js';
import { Multiply } from './multiply.js';
import { Average } from './average.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Concatenate } from './concatenate.js';
import { Dot } from './dot.js';

for (const cls of [Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot]) registerLayer(cls);

export { Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot };
export { Merge, elemwiseOutputShape } from './base-merge.js';
export { batchDot, l2Normalize } from './dot.js';
export type { ConcatenateArgs } from './concatenate.js';
export type { DotArgs } from './dot.js';
export { add, subtract, multiply, average, maximum, minimum, concatenate, dot } from './merge-functions.js';
