import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as regularizers from './index.js';
import * as constraints from '../constraints/index.js';
import { Dense } from '../core/dense.js';

beforeAll(async () => {
  await tf.ready();
});

describe('regularizers and constraints', () => {
  it('penalties are l1*sum|x| + l2*sum(x^2)', () => {
    const x = tf.tensor1d([1, -2, 3]);
    expect(regularizers.l1(0.1).apply(x).dataSync()[0]).toBeCloseTo(0.6, 6);
    expect(regularizers.l2(0.1).apply(x).dataSync()[0]).toBeCloseTo(1.4, 6);
    expect(regularizers.l1_l2({ l1: 0.1, l2: 0.1 }).apply(x).dataSync()[0]).toBeCloseTo(2.0, 6);
    expect(regularizers.get({ class_name: 'L2', config: { l2: 0.5 } })!.getConfig()).toEqual({ l2: 0.5 });
    expect(() => regularizers.l1(-1)).toThrow(/non-negative/);
    x.dispose();
  });

  it('a Dense layer reports its weight penalties and activity penalty in `losses`', () => {
    const layer = new Dense(2, { kernelRegularizer: 'l2', activityRegularizer: regularizers.l1(0.01), kernelInitializer: 'ones' });
    const x = tf.ones([4, 3]);
    const y = layer.apply(x);
    const losses = layer.losses.map((t) => t.dataSync()[0]);
    // activity: 0.01 * sum|y| / batch = 0.01 * (4*2*3) / 4 = 0.06; kernel l2 default 0.01 * 6 = 0.06
    expect(losses[0]).toBeCloseTo(0.06, 6);
    expect(losses[1]).toBeCloseTo(0.06, 6);
    tf.dispose([x, y]);
  });

  it('constraints project weights as Keras', () => {
    const w = tf.tensor2d([[3, 0], [4, 0.5]]);
    const mn = new constraints.MaxNorm({ maxValue: 2 }).apply(w); // column norms 5 and 0.5
    expect(Array.from(mn.dataSync()).map((v) => +v.toFixed(4))).toEqual([1.2, 0, 1.6, 0.5]);
    const nn = constraints.get('non_neg')!.apply(tf.tensor1d([-1, 2]));
    expect(Array.from(nn.dataSync()).map((v) => v + 0)).toEqual([0, 2]);
    const un = constraints.get('unit_norm')!.apply(w);
    expect(un.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(() => constraints.get('nonsense')).toThrow(tf.NotFoundError);
    tf.dispose([w, mn, nn, un]);
  });
});
