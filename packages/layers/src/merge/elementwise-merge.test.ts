/** The element-wise merge layers (Add, Average, Maximum, Minimum, Multiply) share one contract; one table of cases. */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Add } from './add.js';
import { Average } from './average.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Multiply } from './multiply.js';
import { Input } from '../core/input-layer.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';

// a = [[1, -2], [3, 4]], b = [[5, 6], [-7, 8]]
const cases = [
  { Layer: Add, what: 'sum', expected: [6, 4, -4, 12] },
  { Layer: Average, what: 'mean', expected: [3, 2, -2, 6] },
  { Layer: Maximum, what: 'maximum', expected: [5, 6, 3, 8] },
  { Layer: Minimum, what: 'minimum', expected: [1, -2, -7, 4] },
  { Layer: Multiply, what: 'product', expected: [5, -12, -21, 32] },
];

describe.each(cases)('$Layer.className', ({ Layer, what, expected }) => {
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, broadcasts like Keras', () => {
    runLayerTest({ make: () => new Layer(), inputShape: [[2, 3, 4], [2, 1, 4]], expectedOutputShape: [2, 3, 4], expectedWeightNames: [] });
    runLayerTest({ make: () => new Layer(), inputShape: [[2, 3, 4], [2, 4]], expectedOutputShape: [2, 3, 4] });
    runLayerTest({ make: () => new Layer(), inputShape: [[2, 3], [2, 3], [2, 3]], expectedOutputShape: [2, 3] });
  });

  it(`computes the element-wise ${what}`, () => {
    const a = tf.tensor2d([[1, -2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [-7, 8]]);
    const y = new Layer().apply([a, b]) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(expected);
    tf.dispose([a, b, y]);
  });

  it('input gradients match central differences on wasm', () => {
    const x = [seededTensor([2, 3], 5), seededTensor([2, 3], 6)];
    const g = checkGradients(new Layer(), x, { wrtInput: true });
    expect(g.failures).toEqual([]);
    tf.dispose(x);
  });

  it('propagates the AND of the input masks', () => {
    const a = tf.ones([2, 3, 2]);
    const b = tf.ones([2, 3, 2]);
    const m1 = tf.tensor2d([[1, 1, 0], [1, 0, 1]], undefined, 'bool');
    const m2 = tf.tensor2d([[1, 0, 1], [1, 1, 1]], undefined, 'bool');
    const layer = new Layer();
    const m = layer.computeMask([a, b], [m1, m2]) as tf.Tensor;
    expect(Array.from(m.dataSync())).toEqual([1, 0, 0, 1, 0, 1]);
    expect(layer.computeMask([a, b], [null, null])).toBeNull();
    tf.dispose([a, b, m1, m2, m]);
  });

  it('rejects wrong inputs with Keras-style messages', () => {
    expect(() => new Layer().apply([Input({ shape: [3, 4] }), Input({ shape: [2, 4] })])).toThrow(/inputs have incompatible shapes. Received shapes/);
    expect(() => new Layer().apply([tf.zeros([2, 3]), tf.zeros([3, 3])])).toThrow(/cannot merge tensors with different batch sizes/);
    expect(() => new Layer().apply(tf.zeros([2, 3]))).toThrow(/should be called on a list of inputs/);
  });
});
