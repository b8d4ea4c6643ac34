import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError, NotImplementedError } from '@keras-ts/tensor';
import { Attention, AdditiveAttention, MultiHeadAttention } from './index.js';
import { Input } from '../core/input-layer.js';
import { serialize, deserialize } from '../serialization/layer-serialization.js';
import { checkGradients, seededTensor } from '../testing/layer-test.js';
import type { Layer } from '../engine/layer.js';

beforeAll(async () => {
  await tf.ready();
});

function noLeak(fn: () => void): void {
  const start = tf.memory().numTensors;
  tf.tidy(fn);
  expect(tf.memory().numTensors).toBe(start);
}
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('Attention and AdditiveAttention', () => {
  it('weights, shapes, config round trip', () => {
    noLeak(() => {
      const q = seededTensor([2, 3, 4], 1);
      const v = seededTensor([2, 5, 4], 2);
      const a = new Attention({ useScale: true, scoreMode: 'concat' });
      expect((a.apply([q, v]) as tf.Tensor).shape).toEqual([2, 3, 4]);
      expect(a.weights.map((w) => w.shape)).toEqual([[], []]);
      const add = new AdditiveAttention();
      expect((add.apply([q, v]) as tf.Tensor).shape).toEqual([2, 3, 4]);
      expect(add.weights.map((w) => w.shape)).toEqual([[4]]);
      const sym = add.apply([Input({ shape: [3, 4] }), Input({ shape: [5, 4] })]) as unknown as { shape: unknown };
      expect(sym.shape).toEqual([null, 3, 4]);
      const cfg = serialize(a);
      expect(cfg.config).toMatchObject({ use_scale: true, score_mode: 'concat', dropout: 0 });
      const back = deserialize(JSON.parse(JSON.stringify(cfg))) as Attention;
      expect([back.useScale, back.scoreMode]).toEqual([true, 'concat']);
      expect(serialize(add).config.use_scale).toBe(true);
      a.dispose();
      add.dispose();
    });
  });

  it('causal masking: a query never attends to later keys; scores rows sum to one', () => {
    noLeak(() => {
      const q = seededTensor([1, 4, 3], 3);
      const att = new Attention();
      const [, scores] = att.apply([q, q], { useCausalMask: true, returnAttentionScores: true }) as unknown as tf.Tensor[];
      const s = scores.arraySync() as number[][][];
      for (let i = 0; i < 4; i++) {
        for (let j = i + 1; j < 4; j++) expect(s[0][i][j]).toBeLessThan(1e-6);
        expect(s[0][i].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      // tf.keras 2's constructor option `causal` does the same
      const old = deserialize({ class_name: 'Attention', config: { causal: true } }) as Attention;
      expect(maxDiff(old.apply([q, q]) as tf.Tensor, att.apply([q, q], { useCausalMask: true }) as tf.Tensor)).toBeLessThan(1e-7);
      att.dispose();
    });
  });

  it('refuses single inputs, wrong ranks and mismatched dims', () => {
    const att = new Attention();
    expect(() => att.apply(Input({ shape: [3, 4] }))).toThrow(/must be called on a list of inputs/);
    expect(() => att.apply([Input({ shape: [3] }), Input({ shape: [3, 4] })])).toThrow(/rank 3/);
    expect(() => new Attention().apply([Input({ shape: [3, 4] }), Input({ shape: [5, 6] })])).toThrow(/same last dimension/);
    expect(() => new Attention({ scoreMode: 'bilinear' as never })).toThrow(/score_mode/);
    expect(() => new AdditiveAttention({ dropout: 1.5 })).toThrow(ValueError);
  });
});

describe('MultiHeadAttention', () => {
  it('weights in Keras einsum layouts and order; config round trip builds from query_shape', () => {
    noLeak(() => {
      const mha = new MultiHeadAttention(2, 3, { valueDim: 4, outputShape: 6 });
      const q = seededTensor([2, 5, 7], 4);
      const v = seededTensor([2, 4, 8], 5);
      const y = mha.apply([q, v]) as tf.Tensor;
      expect(y.shape).toEqual([2, 5, 6]);
      expect(mha.weights.map((w) => w.shape)).toEqual([[7, 2, 3], [2, 3], [8, 2, 3], [2, 3], [8, 2, 4], [2, 4], [2, 4, 6], [6]]);
      const cfg = JSON.parse(JSON.stringify(serialize(mha)));
      expect(cfg.config).toMatchObject({ num_heads: 2, key_dim: 3, value_dim: 4, output_shape: [6], attention_axes: null, query_shape: [2, 5, 7], value_shape: [2, 4, 8] });
      const back = deserialize(cfg) as MultiHeadAttention;
      expect(back.built).toBe(true);
      expect(back.weights.length).toBe(8);
      back.setWeights(mha.getWeights());
      expect(maxDiff(back.apply([q, v]) as tf.Tensor, y)).toBeLessThan(1e-6);
      back.dispose();
      mha.dispose();
    });
  });

  it('attentionMask, value masks and causal masks agree with each other', () => {
    noLeak(() => {
      const mha = new MultiHeadAttention(2, 2);
      const x = seededTensor([2, 4, 3], 6);
      const causal = mha.apply([x, x], { useCausalMask: true }) as tf.Tensor;
      const lower = tf.tile(tf.expandDims(tf.linalg.bandPart(tf.ones([4, 4]), -1, 0), 0), [2, 1, 1]);
      const masked = mha.apply([x, x], { attentionMask: lower }) as tf.Tensor;
      expect(maxDiff(causal, masked)).toBeLessThan(1e-6);
      const fromArrays = mha.apply([x, x], { attentionMask: lower.arraySync() as number[][][] }) as tf.Tensor;
      expect(maxDiff(causal, fromArrays)).toBeLessThan(1e-6);
      const [, scores] = mha.apply([x, x], { useCausalMask: true, returnAttentionScores: true }) as unknown as tf.Tensor[];
      expect(scores.shape).toEqual([2, 2, 4, 4]);
      expect((scores.arraySync() as number[][][][])[1][1][0][3]).toBeLessThan(1e-6);
      expect(() => mha.apply([x, x], { attentionMask: tf.ones([2, 3, 3]) })).toThrow(/attention_mask/);
      mha.dispose();
    });
  });

  it('refuses bad heads, ranks, axes and unsupported Keras 3.x options', () => {
    expect(() => new MultiHeadAttention(0, 2)).toThrow(/num_heads/);
    expect(() => new MultiHeadAttention(2, 0)).toThrow(/key_dim/);
    expect(() => new MultiHeadAttention(2, 2).apply(Input({ shape: [3, 4] }))).toThrow(/must be called on a list/);
    expect(() => new MultiHeadAttention(2, 2).apply([Input({ shape: [4] }), Input({ shape: [4] })])).toThrow(/rank >= 3/);
    expect(() => new MultiHeadAttention(2, 2, { attentionAxes: [3] }).apply([Input({ shape: [3, 4] }), Input({ shape: [3, 4] })])).toThrow(/attention_axes/);
    expect(() => deserialize({ class_name: 'MultiHeadAttention', config: { num_heads: 2, key_dim: 2, use_gate: true } })).toThrow(NotImplementedError);
  });
});

describe('attention gradients (wasm): numeric vs analytic, every weight gets one', () => {
  const cases: Array<[string, () => Layer, number[][]]> = [
    ['Attention(dot, scale)', () => new Attention({ useScale: true }), [[2, 3, 2], [2, 4, 2]]],
    ['Attention(concat, scale)', () => new Attention({ useScale: true, scoreMode: 'concat' }), [[2, 3, 2], [2, 4, 2]]],
    ['AdditiveAttention', () => new AdditiveAttention(), [[2, 3, 2], [2, 4, 2]]],
    ['MultiHeadAttention', () => new MultiHeadAttention(2, 2, { valueDim: 3 }), [[2, 3, 2], [2, 4, 2]]],
    ['MultiHeadAttention rank 4', () => new MultiHeadAttention(2, 2, { attentionAxes: [2] }), [[1, 2, 3, 2], [1, 2, 3, 2]]],
  ];
  it.each(cases)('%s', (_n, make, shapes) => {
    const start = tf.memory().numTensors;
    const layer = make();
    const xs = shapes.map((s, i) => seededTensor(s, 20 + i));
    const r = tf.tidy(() => checkGradients(layer, xs, { wrtInput: true }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    tf.dispose(xs);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('Attention on rank-2 inputs (tf.keras 2 files)', () => {
  it('attends across the batch as tf.keras 2 computes it: softmax(q kᵀ) v', async () => {
    const tfm = await import('@keras-ts/tensor');
    await tfm.ready();
    const { Attention } = await import('./attention.js');
    const layer = new Attention();
    const q = tfm.tensor2d([[1, 0], [0, 1], [1, 1]]);
    const v = tfm.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const out = layer.apply([q, v]) as import('@keras-ts/tensor').Tensor;
    const expected = tfm.matMul(tfm.softmax(tfm.matMul(q, v, false, true)), v);
    expect(out.shape).toEqual([3, 2]);
    expect(tfm.max(tfm.abs(tfm.sub(out, expected))).dataSync()[0]).toBeLessThan(1e-6);
    tfm.dispose([q, v, out, expected]);
  });
});
