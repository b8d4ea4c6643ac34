import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { caseKeys, runCase, compare, vectorsAvailable } from '../testing/layer-vectors.js';

const available = vectorsAvailable();
const keys = available ? caseKeys(/^layers\/advanced_activations/) : [];

describe.skipIf(!available)('activation layers match Keras 2.1.2 (layer-vectors)', () => {
  beforeAll(async () => {
    await tf.ready();
  });
  it('covers every advanced-activation case of the fixtures', () => {
    expect(keys.length).toBe(4);
  });
  it.each(keys)('%s', (key) => {
    const start = tf.memory().numTensors;
    const r = runCase(key);
    expect(r.actualShape).toEqual(r.expectedShape);
    const { maxErr, ok } = compare(r, 1e-5, 1e-4);
    expect(ok, `max abs error ${maxErr}`).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
  });
});
