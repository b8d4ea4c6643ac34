import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { caseKeys, runCase, compare, vectorsAvailable } from '../testing/layer-vectors.js';

const available = vectorsAvailable();
const keys = available ? caseKeys(/^layers\/embeddings\//) : [];

describe.skipIf(!available)('embedding layers match Keras 2.1.2 (layer-vectors)', () => {
  beforeAll(async () => {
    await tf.ready();
  });
  it('has the 3 embeddings cases', () => {
    expect(keys.length).toBe(3);
  });
  it.each(keys)('%s', (key) => {
    const start = tf.memory().numTensors;
    const r = runCase(key);
    expect(r.actualShape).toEqual(r.expectedShape);
    const { maxErr, ok } = compare(r, 1e-4, 1e-4);
    expect(ok, `max abs error ${maxErr}`).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
  });
});
