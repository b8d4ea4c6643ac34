/**
 * Every Keras HDF5 fixture reads, and every weight equals what h5py reads (SHA-256 of the raw bytes, from
 * test-data/fixture-weights.json, made by test-data/make_fixture_weights.py). Keras 1 files fail typed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError } from '@keras-ts/tensor';
import { fixturesDir } from '../../../../testing/oracle.js';
import { closeHdf5Engine, readHdf5 } from '../h5/engine.js';
import type { WeightValue } from '../weight-values.js';
import { isKeras2ModelFile, readKeras2ModelFile, readKeras2WeightsFile } from './model-file.js';

interface RefWeight { name: string; shape: number[]; dtype: string; sha256: string }
interface RefFile { keras_version: string | null; has_model_config: boolean; layers: { layer: string; weights: RefWeight[] }[]; optimizer_weights: RefWeight[] | null }
const reference = JSON.parse(readFileSync(new URL('../../test-data/fixture-weights.json', import.meta.url), 'utf8')) as Record<string, RefFile>;

afterAll(async () => {
  await closeHdf5Engine();
});

function same(w: WeightValue, ref: RefWeight): void {
  expect(w.name).toBe(ref.name);
  expect(w.shape).toEqual(ref.shape);
  expect(w.dtype).toBe(ref.dtype);
  const bytes = new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
}

describe('Keras 2 HDF5 fixtures', () => {
  const files = Object.keys(reference);
  it('covers the fixture set', () => {
    expect(files.length).toBeGreaterThanOrEqual(190);
  });

  it.each(files)('%s', async (file) => {
    const ref = reference[file]!;
    const root = await readHdf5(new Uint8Array(readFileSync(join(fixturesDir, 'keras-h5', file))), { source: file });
    expect(isKeras2ModelFile(root)).toBe(ref.has_model_config);
    if (ref.keras_version === null || ref.keras_version.startsWith('1')) {
      expect(() => readKeras2WeightsFile(root, file)).toThrow(FileFormatError);
      expect(() => readKeras2WeightsFile(root, file)).toThrow(/Keras 1 format .* is not supported/);
      return;
    }
    const weights = readKeras2WeightsFile(root, file);
    expect(weights.kerasVersion).toBe(ref.keras_version);
    expect(weights.layers.map((l) => l.layerName)).toEqual(ref.layers.map((l) => l.layer));
    weights.layers.forEach((l, i) => {
      expect(l.weights.length).toBe(ref.layers[i]!.weights.length);
      l.weights.forEach((w, j) => same(w, ref.layers[i]!.weights[j]!));
    });
    if (ref.has_model_config) {
      const model = readKeras2ModelFile(root, file);
      expect(typeof model.modelConfig.class_name).toBe('string');
      if (ref.optimizer_weights === null) expect(model.optimizerWeights).toBeUndefined();
      else {
        expect(model.optimizerWeights!.length).toBe(ref.optimizer_weights.length);
        model.optimizerWeights!.forEach((w, j) => same(w, ref.optimizer_weights![j]!));
      }
    }
  });
});
