import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError, ShapeError } from '@keras-ts/tensor';
import { LSTM, GRU, SimpleRNN, RNN, LSTMCell, GRUCell, SimpleRNNCell, StackedRNNCells } from './index.js';
import { Embedding } from '../embedding/index.js';
import { Input } from '../core/input-layer.js';
import { serialize, deserialize } from '../serialization/layer-serialization.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';
import type { Layer } from '../engine/layer.js';

beforeAll(async () => {
  await tf.ready();
});

/** max |a - b| (no tensors left behind). */
function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Runs `fn` in a tidy scope and checks that nothing outlives it (layers dispose their weights and states). */
function noLeak(fn: () => void): void {
  const start = tf.memory().numTensors;
  tf.tidy(fn);
  expect(tf.memory().numTensors).toBe(start);
}

describe('RNN layers: construct, build, call, config round trip', () => {
  const cases: Array<[string, () => Layer, number[], number[], string[]]> = [
    ['LSTM', () => new LSTM(3), [2, 5, 4], [2, 3], ['kernel', 'recurrent_kernel', 'bias']],
    ['LSTM seq', () => new LSTM(3, { returnSequences: true, goBackwards: true }), [2, 5, 4], [2, 5, 3], ['kernel', 'recurrent_kernel', 'bias']],
    ['GRU', () => new GRU(3), [2, 5, 4], [2, 3], ['kernel', 'recurrent_kernel', 'bias']],
    ['GRU reset_after=false', () => new GRU(3, { resetAfter: false, returnSequences: true }), [2, 5, 4], [2, 5, 3], ['kernel', 'recurrent_kernel', 'bias']],
    ['SimpleRNN', () => new SimpleRNN(3, { useBias: false }), [2, 5, 4], [2, 3], ['kernel', 'recurrent_kernel']],
    ['RNN(LSTMCell)', () => new RNN(new LSTMCell(3), { returnSequences: true }), [2, 5, 4], [2, 5, 3], ['kernel', 'recurrent_kernel', 'bias']],
    ['RNN(stacked)', () => new RNN([new SimpleRNNCell(2), new GRUCell(3)]), [2, 5, 4], [2, 3], ['kernel', 'recurrent_kernel', 'bias', 'kernel', 'recurrent_kernel', 'bias']],
  ];
  it.each(cases)('%s', (_n, make, input, out, names) => {
    runLayerTest({ make, inputShape: input, expectedOutputShape: out, expectedWeightNames: names, expectedWeights: names.length });
  });

  it('weight shapes follow Keras layouts', () => {
    noLeak(() => {
      const lstm = new LSTM(3);
      const gru = new GRU(3);
      const gru1 = new GRU(3, { resetAfter: false });
      const x = tf.zeros([1, 2, 4]);
      tf.dispose([lstm.apply(x), gru.apply(x), gru1.apply(x), x] as tf.Tensor[]);
      expect(lstm.weights.map((w) => w.shape)).toEqual([[4, 12], [3, 12], [12]]);
      expect(gru.weights.map((w) => w.shape)).toEqual([[4, 9], [3, 9], [2, 9]]);
      expect(gru1.weights.map((w) => w.shape)).toEqual([[4, 9], [3, 9], [9]]);
      // unit_forget_bias: the forget gate's bias starts at one
      expect(Array.from(lstm.cell.bias!.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
      [lstm, gru, gru1].forEach((l) => l.dispose());
    });
  });

  it('writes tf.keras 2 configs (defaults sigmoid, reset_after=true) and reads them back', () => {
    const gru = new GRU(4, { returnSequences: true, name: 'g' });
    const cfg = serialize(gru);
    expect(cfg.class_name).toBe('GRU');
    expect(cfg.config).toMatchObject({ name: 'g', units: 4, activation: 'tanh', recurrent_activation: 'sigmoid', reset_after: true, return_sequences: true, return_state: false, go_backwards: false, stateful: false, unroll: false, time_major: false, implementation: 2, dropout: 0, recurrent_dropout: 0 });
    expect(cfg.config).not.toHaveProperty('cell');
    const lstm = serialize(new LSTM(2));
    expect(lstm.config).toMatchObject({ unit_forget_bias: true, recurrent_activation: 'sigmoid' });
    const rnn = serialize(new RNN([new LSTMCell(2), new GRUCell(3)]));
    expect((rnn.config.cell as { class_name: string }).class_name).toBe('StackedRNNCells');
    const back = deserialize(JSON.parse(JSON.stringify(rnn))) as RNN;
    expect(back.cell).toBeInstanceOf(StackedRNNCells);
    expect((back.cell as StackedRNNCells).cells.map((c) => c.constructor.name)).toEqual(['LSTMCell', 'GRUCell']);
  });
});

describe('RNN semantics', () => {
  it('returnState gives the final states; symbolic shapes agree', () => {
    noLeak(() => {
      const lstm = new LSTM(3, { returnState: true, returnSequences: true });
      const x = seededTensor([2, 4, 5], 1);
      const [seq, h, c] = lstm.apply(x) as unknown as tf.Tensor[];
      expect(seq.shape).toEqual([2, 4, 3]);
      expect(h.shape).toEqual([2, 3]);
      expect(c.shape).toEqual([2, 3]);
      const last = tf.squeeze(tf.slice(seq, [0, 3, 0], [2, 1, 3]), [1]);
      expect(maxDiff(last, h)).toBeLessThan(1e-7);
      const sym = lstm.apply(Input({ shape: [4, 5] })) as unknown as Array<{ shape: unknown }>;
      expect(sym.map((s) => s.shape)).toEqual([[null, 4, 3], [null, 3], [null, 3]]);
      tf.dispose([x, seq, h, c, last]);
      lstm.dispose();
    });
  });

  it('initial states: kwargs.initialState and extra inputs agree; bad counts and shapes are refused', () => {
    noLeak(() => {
      const gru = new GRU(3);
      const x = seededTensor([2, 4, 5], 2);
      const h0 = seededTensor([2, 3], 3);
      const a = gru.apply(x, { initialState: [h0] }) as tf.Tensor;
      const b = gru.apply([x, h0]) as tf.Tensor;
      const z = gru.apply(x) as tf.Tensor;
      expect(maxDiff(a, b)).toBe(0);
      expect(maxDiff(a, z)).toBeGreaterThan(1e-3);
      expect(() => gru.apply(x, { initialState: [h0, h0] })).toThrow(ValueError);
      const bad = tf.zeros([2, 4]);
      expect(() => gru.apply(x, { initialState: [bad] })).toThrow(/not compatible with cell.state_size/);
      tf.dispose([x, h0, a, b, z, bad]);
      gru.dispose();
    });
  });

  it('stateful: states carry over between calls and resetStates clears them', () => {
    noLeak(() => {
      const rnn = new SimpleRNN(3, { stateful: true, batchInputShape: [2, 4, 5] });
      const x = seededTensor([2, 4, 5], 4);
      const first = rnn.apply(x) as tf.Tensor;
      const second = rnn.apply(x) as tf.Tensor;
      expect(maxDiff(first, second)).toBeGreaterThan(1e-4);
      rnn.resetStates();
      const third = rnn.apply(x) as tf.Tensor;
      expect(maxDiff(first, third)).toBeLessThan(1e-7);
      const y = tf.zeros([3, 4, 5]);
      expect(() => rnn.apply(y)).toThrow(/stateful with batch size 2/);
      expect(() => new LSTM(2).resetStates()).toThrow(/not stateful/);
      tf.dispose([x, y, first, second, third]);
      rnn.dispose();
    });
  });

  it('timeMajor transposes time and batch', () => {
    noLeak(() => {
      const a = new LSTM(3, { returnSequences: true });
      const b = new LSTM(3, { returnSequences: true, timeMajor: true });
      const x = seededTensor([2, 4, 5], 5);
      const ya = a.apply(x) as tf.Tensor;
      b.apply(tf.zeros([4, 2, 5])); // build
      const w = a.getWeights();
      b.setWeights(w);
      const yb = b.apply(tf.transpose(x, [1, 0, 2])) as tf.Tensor;
      expect(yb.shape).toEqual([4, 2, 3]);
      expect(maxDiff(ya, tf.transpose(yb, [1, 0, 2]))).toBeLessThan(1e-6);
      tf.dispose([x, ya, yb, ...w]);
      a.dispose();
      b.dispose();
    });
  });

  it('Embedding(mask_zero) -> LSTM ignores padded steps (same result as the unpadded sequence)', () => {
    noLeak(() => {
      const emb = new Embedding(10, 4, { maskZero: true });
      const lstm = new LSTM(3);
      const ids = tf.tensor2d([[3, 5, 7, 0, 0], [2, 0, 4, 0, 9]]);
      const padded = lstm.apply(emb.apply(ids)) as tf.Tensor;
      const short0 = lstm.apply(emb.apply(tf.tensor2d([[3, 5, 7]]))) as tf.Tensor;
      const short1 = lstm.apply(emb.apply(tf.tensor2d([[2, 4, 9]]))) as tf.Tensor;
      const want = tf.concat([short0, short1]);
      expect(maxDiff(padded, want)).toBeLessThan(1e-6);
      tf.dispose([ids, padded, short0, short1, want]);
      emb.dispose();
      lstm.dispose();
    });
  });

  it('dropout and recurrent_dropout act in training only', () => {
    noLeak(() => {
      const lstm = new LSTM(4, { dropout: 0.5, recurrentDropout: 0.5, returnSequences: true });
      const x = seededTensor([3, 6, 5], 6);
      const inf1 = lstm.apply(x, { training: false }) as tf.Tensor;
      const inf2 = lstm.apply(x) as tf.Tensor;
      const tr = lstm.apply(x, { training: true }) as tf.Tensor;
      expect(maxDiff(inf1, inf2)).toBe(0);
      expect(maxDiff(inf1, tr)).toBeGreaterThan(1e-3);
      tf.dispose([x, inf1, inf2, tr]);
      lstm.dispose();
    });
  });

  it('calling a cell directly returns [output, ...states]', () => {
    noLeak(() => {
      const cell = new LSTMCell(3);
      const x = seededTensor([2, 5], 7);
      const [out, h, c] = cell.apply(x) as unknown as tf.Tensor[];
      expect([out.shape, h.shape, c.shape]).toEqual([[2, 3], [2, 3], [2, 3]]);
      const [out2] = cell.apply([x, h, c]) as unknown as tf.Tensor[];
      expect(out2.shape).toEqual([2, 3]);
      tf.dispose([x, out, h, c, out2]);
      cell.dispose();
    });
  });
});

describe('RNN errors', () => {
  it('refuses bad units, ranks and cells with Keras-style messages', () => {
    expect(() => new LSTM(0)).toThrow(/`units`, expected a positive integer/);
    expect(() => new GRU(-2)).toThrow(ValueError);
    expect(() => new SimpleRNN(1.5)).toThrow(ValueError);
    expect(() => new RNN({} as never)).toThrow(/should be an RNN cell/);
    expect(() => new LSTM(2, { dropout: 2 } as never)).not.toThrow(); // clipped to [0, 1] as Keras does
    const lstm = new LSTM(2);
    const x = tf.zeros([2, 3]);
    expect(() => lstm.apply(x)).toThrow(ShapeError);
    expect(() => lstm.apply(Input({ shape: [3] }))).toThrow(/expected min_ndim=3/);
    x.dispose();
    lstm.dispose();
  });
});

describe('RNN gradients (wasm): numeric vs analytic, every weight gets a gradient', () => {
  const makers: Array<[string, () => Layer]> = [
    ['SimpleRNN', () => new SimpleRNN(2, { returnSequences: true })],
    ['GRU reset_after', () => new GRU(2, { returnSequences: true })],
    ['GRU reset_before', () => new GRU(2, { resetAfter: false, goBackwards: true })],
    ['LSTM', () => new LSTM(2, { returnSequences: true })],
    ['RNN(stacked)', () => new RNN([new LSTMCell(2), new SimpleRNNCell(2)])],
  ];
  it.each(makers)('%s', (_n, make) => {
    const start = tf.memory().numTensors;
    const layer = make();
    const x = seededTensor([2, 3, 3], 8);
    // (tidy: checkGradients leaves the loss value of variableGrads behind)
    const r = tf.tidy(() => checkGradients(layer, x, { wrtInput: true }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    expect(r.checked).toBeGreaterThan(10);
    x.dispose();
    layer.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('gradients flow through masked steps only', () => {
    const emb = new Embedding(6, 3, { maskZero: true });
    const lstm = new LSTM(2);
    const ids = tf.tensor2d([[1, 2, 0], [3, 0, 0]]);
    emb.apply(ids);
    const { grads } = tf.variableGrads(() => tf.sum(lstm.apply(emb.apply(ids)) as tf.Tensor) as tf.Scalar, emb.trainableWeights);
    const g = grads[emb.embeddings.name].arraySync() as number[][];
    expect(g[0].every((v) => v === 0)).toBe(true); // the padding row gets nothing
    expect(g[1].some((v) => v !== 0)).toBe(true);
    expect(g[4].every((v) => v === 0)).toBe(true); // unused id
    tf.dispose([ids, ...Object.values(grads)]);
    emb.dispose();
    lstm.dispose();
  });
});
