import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Bidirectional, TimeDistributed } from './index.js';
import { LSTM, GRU, SimpleRNN } from '../recurrent/index.js';
import { Dense } from '../core/index.js';
import { Embedding } from '../embedding/index.js';
import { Input } from '../core/input-layer.js';
import { serialize, deserialize } from '../serialization/layer-serialization.js';
import { runLayerTest, checkGradients, seededTensor } from '../testing/layer-test.js';
import { variableInfo } from '@keras-ts/tensor';

beforeAll(async () => {
  await tf.ready();
});

function noLeak(fn: () => void): void {
  const start = tf.memory().numTensors;
  tf.tidy(fn);
  expect(tf.memory().numTensors).toBe(start);
}
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('Bidirectional', () => {
  it.each(['concat', 'sum', 'mul', 'ave'] as const)('merge_mode %s: layer test', (mode) => {
    runLayerTest({
      make: () => new Bidirectional(new LSTM(3, { returnSequences: true }), { mergeMode: mode }),
      inputShape: [2, 4, 5],
      expectedOutputShape: [2, 4, mode === 'concat' ? 6 : 3],
      expectedWeights: 6,
      expectedWeightNames: ['kernel', 'recurrent_kernel', 'bias', 'kernel', 'recurrent_kernel', 'bias'],
    });
  });

  it('weights are forward then backward, under forward_/backward_ names; the backward layer runs reversed', () => {
    noLeak(() => {
      const bi = new Bidirectional(new SimpleRNN(2, { name: 'rnn' }), { mergeMode: null });
      const x = seededTensor([2, 3, 4], 1);
      const [fw, bw] = bi.apply(x) as unknown as tf.Tensor[];
      expect(bi.weights.map((w) => variableInfo(w).path.split('/')[0])).toEqual(['forward_rnn', 'forward_rnn', 'forward_rnn', 'backward_rnn', 'backward_rnn', 'backward_rnn']);
      expect(bi.backwardLayer.goBackwards).toBe(true);
      // the backward half equals a go_backwards copy with the same weights
      const ref = new SimpleRNN(2, { goBackwards: true });
      ref.apply(x);
      ref.setWeights(bi.backwardLayer.getWeights());
      expect(maxDiff(bw, ref.apply(x) as tf.Tensor)).toBeLessThan(1e-7);
      expect(fw.shape).toEqual([2, 2]);
      ref.dispose();
      bi.dispose();
    });
  });

  it('returnState: output then forward states then backward states; symbolic shapes agree', () => {
    noLeak(() => {
      const bi = new Bidirectional(new LSTM(3, { returnState: true }));
      const outs = bi.apply(seededTensor([2, 4, 5], 2)) as unknown as tf.Tensor[];
      expect(outs.map((o) => o.shape)).toEqual([[2, 6], [2, 3], [2, 3], [2, 3], [2, 3]]);
      const sym = bi.apply(Input({ shape: [4, 5] })) as unknown as Array<{ shape: unknown }>;
      expect(sym.map((s) => s.shape)).toEqual([[null, 6], [null, 3], [null, 3], [null, 3], [null, 3]]);
      bi.dispose();
    });
  });

  it('masks: padded steps give zeros in both directions when returning sequences; output mask passes on', () => {
    noLeak(() => {
      const emb = new Embedding(8, 3, { maskZero: true });
      const bi = new Bidirectional(new GRU(2, { returnSequences: true }));
      const e = emb.apply(tf.tensor2d([[1, 2, 0, 0], [3, 4, 5, 6]]));
      const y = bi.apply(e) as tf.Tensor;
      const row0 = y.arraySync() as number[][][];
      expect(row0[0][2].every((v) => v === 0) && row0[0][3].every((v) => v === 0)).toBe(true);
      expect(row0[1][3].some((v) => v !== 0)).toBe(true);
      emb.dispose();
      bi.dispose();
    });
  });

  it('config round trip keeps the wrapped layer and backward_layer', () => {
    const bi = new Bidirectional(new LSTM(3, { returnSequences: true }), { backwardLayer: new GRU(3, { returnSequences: true, goBackwards: true }), mergeMode: 'sum' });
    const ser = JSON.parse(JSON.stringify(serialize(bi)));
    expect(ser.config.merge_mode).toBe('sum');
    expect(ser.config.layer.class_name).toBe('LSTM');
    expect(ser.config.backward_layer.class_name).toBe('GRU');
    const back = deserialize(ser) as Bidirectional;
    expect(back.backwardLayer).toBeInstanceOf(GRU);
    expect(back.forwardLayer).toBeInstanceOf(LSTM);
  });

  it('refuses bad merge modes, non-RNN layers and mismatched backward layers', () => {
    expect(() => new Bidirectional(new LSTM(2), { mergeMode: 'max' as never })).toThrow(/Invalid merge mode/);
    expect(() => new Bidirectional(new Dense(2) as never)).toThrow(ValueError);
    expect(() => new Bidirectional(new LSTM(2), { backwardLayer: new LSTM(2) })).toThrow(/different `go_backwards`/);
    expect(() => new Bidirectional(new LSTM(2), { backwardLayer: new LSTM(2, { goBackwards: true, returnSequences: true }) })).toThrow(/same `return_sequences`/);
  });

  it('gradients (wasm): numeric vs analytic, every weight gets one', () => {
    const start = tf.memory().numTensors;
    const bi = new Bidirectional(new GRU(2, { returnSequences: true }), { mergeMode: 'mul' });
    const x = seededTensor([2, 3, 3], 3);
    const r = tf.tidy(() => checkGradients(bi, x, { wrtInput: true }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    x.dispose();
    bi.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('TimeDistributed', () => {
  it('layer test: Dense over every step of a 4-D input', () => {
    runLayerTest({ make: () => new TimeDistributed(new Dense(3)), inputShape: [2, 4, 5, 6], expectedOutputShape: [2, 4, 5, 3], expectedWeights: 2 });
  });

  it('equals the wrapped layer applied step by step', () => {
    noLeak(() => {
      const td = new TimeDistributed(new Dense(2, { activation: 'tanh' }));
      const x = seededTensor([2, 3, 4], 4);
      const y = td.apply(x) as tf.Tensor;
      const steps = tf.unstack(x, 1).map((s) => td.layer.apply(s) as tf.Tensor);
      expect(maxDiff(y, tf.stack(steps, 1))).toBeLessThan(1e-7);
      td.dispose();
    });
  });

  it('passes masks through', () => {
    noLeak(() => {
      const emb = new Embedding(8, 3, { maskZero: true });
      const td = new TimeDistributed(new Dense(2));
      const lstm = new LSTM(2);
      const padded = lstm.apply(td.apply(emb.apply(tf.tensor2d([[1, 2, 0]])))) as tf.Tensor;
      const short = lstm.apply(td.apply(emb.apply(tf.tensor2d([[1, 2]])))) as tf.Tensor;
      expect(maxDiff(padded, short)).toBeLessThan(1e-6);
      [emb, td, lstm].forEach((l) => l.dispose());
    });
  });

  it('refuses inputs of rank < 3 and non-layers', () => {
    const td = new TimeDistributed(new Dense(2));
    expect(() => td.apply(Input({ shape: [3] }))).toThrow(/at least 3 dimensions/);
    expect(() => new TimeDistributed({} as never)).toThrow(ValueError);
  });

  it('gradients (wasm)', () => {
    const start = tf.memory().numTensors;
    const td = new TimeDistributed(new Dense(2, { activation: 'sigmoid' }));
    const x = seededTensor([2, 3, 3], 5);
    const r = tf.tidy(() => checkGradients(td, x, { wrtInput: true }) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof checkGradients>;
    expect(r.failures).toEqual([]);
    expect(r.zeroGradWeights).toEqual([]);
    x.dispose();
    td.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
