import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { GlobalAveragePooling1D } from './global-average-pooling1d.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalAveragePooling3D } from './global-average-pooling3d.js';
import { GlobalMaxPooling1D } from './global-max-pooling1d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { GlobalMaxPooling3D } from './global-max-pooling3d.js';
import { runLayerTest, seededTensor, expectGradientsMatch } from '../testing/layer-test.js';
import type { Layer } from '../engine/layer.js';

type GlobalPooling = new (args?: { keepdims?: boolean; dataFormat?: 'channels_first' | 'channels_last' }) => Layer;

/** The six global pooling layers: the same contract over 1, 2 and 3 spatial axes. */
const LAYERS: Array<[string, GlobalPooling, number]> = [
  ['GlobalAveragePooling1D', GlobalAveragePooling1D as unknown as GlobalPooling, 1],
  ['GlobalAveragePooling2D', GlobalAveragePooling2D as unknown as GlobalPooling, 2],
  ['GlobalAveragePooling3D', GlobalAveragePooling3D as unknown as GlobalPooling, 3],
  ['GlobalMaxPooling1D', GlobalMaxPooling1D as unknown as GlobalPooling, 1],
  ['GlobalMaxPooling2D', GlobalMaxPooling2D as unknown as GlobalPooling, 2],
  ['GlobalMaxPooling3D', GlobalMaxPooling3D as unknown as GlobalPooling, 3],
];

const SPATIAL = [5, 6, 4];

describe.each(LAYERS)('%s', (_, Cls, dims) => {
  const spatial = SPATIAL.slice(0, dims);
  beforeAll(async () => {
    await tf.ready();
  });

  it('builds, calls, round-trips its config, leaks nothing', () => {
    runLayerTest({ make: () => new Cls(), inputShape: [2, ...spatial, 3], expectedOutputShape: [2, 3], expectedWeightNames: [] });
    runLayerTest({
      make: () => new Cls({ keepdims: true, dataFormat: 'channels_first' }),
      inputShape: [2, 3, ...spatial],
      expectedOutputShape: [2, 3, ...spatial.map(() => 1)],
      expectedWeightNames: [],
    });
  });

  it('gradients match central differences on wasm and reach every trainable weight', () => {
    expect(tf.getBackend()).toBe('wasm');
    const layer = new Cls();
    const x = seededTensor(new Array(dims + 2).fill(2), 5);
    expectGradientsMatch(layer, x, { wrtInput: true });
    tf.dispose(x);
    layer.dispose();
  });

  it('rejects wrong configurations with Keras-style messages', () => {
    expect(() => new Cls({ dataFormat: 'NHWC' as never })).toThrow(/data_format/);
    expect(() => new Cls().apply(tf.tidy(() => tf.zeros(new Array(dims + 3).fill(2).map((d, i) => (i === 0 ? 1 : d)))))).toThrow(
      new RegExp(`expected ndim=${dims + 2}`),
    );
  });
});

describe('GlobalAveragePooling1D with a mask', () => {
  it('averages only the unmasked steps when given a mask (and consumes the mask)', () => {
    const layer = new GlobalAveragePooling1D();
    const x = tf.tensor3d([[[1, 2], [3, 4], [100, 100]], [[5, 6], [7, 8], [9, 10]]]);
    const mask = tf.tensor2d([[1, 1, 0], [1, 1, 1]], undefined, 'bool');
    const y = layer.apply(x, { mask }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([2, 3, 7, 8]);
    expect(layer.computeMask()).toBeNull();
    tf.dispose([x, mask, y]);
  });
});
