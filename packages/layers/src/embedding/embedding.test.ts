import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { getMask } from '../engine/call-context.js';
import { Embedding, Masking } from './index.js';
import { Input } from '../core/input-layer.js';
import { serialize, deserialize } from '../serialization/layer-serialization.js';
import { runLayerTest, checkGradients } from '../testing/layer-test.js';

beforeAll(async () => {
  await tf.ready();
});

describe('Embedding', () => {
  it('layer test', () => {
    const r = runLayerTest({ make: () => new Embedding(10, 3), inputShape: [2, 4], expectedOutputShape: [2, 4, 3], expectedWeights: 1, expectedWeightNames: ['embeddings'] });
    expect(r.config).toMatchObject({ input_dim: 10, output_dim: 3, mask_zero: false, input_length: null, embeddings_initializer: { class_name: 'RandomUniform' } });
  });

  it('looks up rows for integer or float ids of any rank; default init is U(-0.05, 0.05)', () => {
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const emb = new Embedding(5, 2);
      const ids = tf.tensor3d([[[1, 4]], [[0, 2]]], undefined, 'int32');
      const y = emb.apply(ids) as tf.Tensor;
      expect(y.shape).toEqual([2, 1, 2, 2]);
      const table = emb.embeddings.arraySync() as number[][];
      expect((y.arraySync() as number[][][][])[0][0][1]).toEqual(table[4]);
      expect(table.flat().every((v) => Math.abs(v) <= 0.05)).toBe(true);
      const yf = emb.apply(tf.tensor2d([[4]])) as tf.Tensor;
      expect((yf.arraySync() as number[][][])[0][0]).toEqual(table[4]);
      emb.dispose();
    });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('mask_zero attaches a mask (ids != 0); symbolic output dtype is float32', () => {
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const emb = new Embedding(5, 2, { maskZero: true });
      const y = emb.apply(tf.tensor2d([[1, 0, 3]], undefined, 'int32')) as tf.Tensor;
      expect(getMask(y)!.dtype).toBe('bool');
      expect(getMask(y)!.arraySync()).toEqual([[1, 0, 1]]);
      const sym = emb.apply(Input({ shape: [3], dtype: 'int32' })) as unknown as { dtype: string; shape: unknown };
      expect(sym.dtype).toBe('float32');
      expect(sym.shape).toEqual([null, 3, 2]);
      emb.dispose();
    });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('accepts input_length from tf.keras 2 configs (as the input shape)', () => {
    const emb = deserialize({ class_name: 'Embedding', config: { input_dim: 8, output_dim: 2, input_length: 6, name: 'e' } }) as Embedding;
    expect(emb.batchInputShape).toEqual([null, 6]);
    expect(serialize(emb).config.input_length).toBe(6);
  });

  it('refuses non-positive sizes', () => {
    expect(() => new Embedding(0, 3)).toThrow(ValueError);
    expect(() => new Embedding(3, -1)).toThrow(/output_dim=-1/);
  });

  it('gradients (wasm): sparse rows get gradient, numeric check on the table', () => {
    const start = tf.memory().numTensors;
    const emb = new Embedding(6, 3, { embeddingsInitializer: 'glorot_uniform' });
    const ids = tf.tensor2d([[1, 2, 2], [5, 0, 1]]);
    const r = tf.tidy(() => checkGradients(emb, ids, { samples: 18 }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    ids.dispose();
    emb.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('Masking', () => {
  it('config round trip and symbolic shape', () => {
    const m = deserialize(JSON.parse(JSON.stringify(serialize(new Masking({ maskValue: 0.5 }))))) as Masking;
    expect(m.maskValue).toBe(0.5);
    expect((m.apply(Input({ shape: [3, 4] })) as unknown as { shape: unknown }).shape).toEqual([null, 3, 4]);
  });

  it('masks steps whose features all equal mask_value and zeroes them', () => {
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      const m = new Masking({ maskValue: 1 });
      const x = tf.tensor3d([[[1, 1], [1, 2], [1, 1]]]);
      const y = m.apply(x) as tf.Tensor;
      expect(y.arraySync()).toEqual([[[0, 0], [1, 2], [0, 0]]]);
      expect(getMask(y)!.arraySync()).toEqual([[0, 1, 0]]);
      expect(serialize(m).config.mask_value).toBe(1);
    });
    expect(tf.memory().numTensors).toBe(start);
  });
});
