import { describe, it, expect, beforeAll } from 'vitest';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@keras-ts/tensor';
import { caseKeys, runCase, compare } from '../testing/layer-vectors.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-data', 'recurrent', 'conv_lstm');
const keys = caseKeys(/^conv_lstm\.json$/, DIR);

describe('ConvLSTM2D matches Keras 3 (test-data/recurrent/conv_lstm, made by make_conv_lstm.py)', () => {
  beforeAll(async () => {
    await tf.ready();
  });
  it('runs every generated case', () => {
    expect(keys.length).toBeGreaterThanOrEqual(6);
  });
  it.each(keys)('%s', (key) => {
    const start = tf.memory().numTensors;
    const r = runCase(key, DIR);
    expect(r.actualShape).toEqual(r.expectedShape);
    const { maxErr, ok } = compare(r, 1e-5, 1e-4);
    expect(ok, `max abs error ${maxErr}`).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
  });
});
