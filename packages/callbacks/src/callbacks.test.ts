import { describe, it, expect } from 'vitest';
import { EarlyStopping, History, LearningRateScheduler, ModelCheckpoint, Progbar, formatPath, type CallbackModel } from './index.js';

function fakeModel(): CallbackModel & { saved: string[]; lr: { learningRate: number } } {
  const lr = { learningRate: 0.1 };
  const saved: string[] = [];
  return {
    stopTraining: false,
    name: 'fake',
    optimizer: lr,
    lr,
    saved,
    save: async (p: string) => void saved.push(`model:${p}`),
    saveWeights: async (p: string) => void saved.push(`weights:${p}`),
  };
}

describe('callbacks', () => {
  it('History records epoch logs', () => {
    const h = new History();
    h.onTrainBegin();
    h.onEpochEnd(0, { loss: 1 });
    h.onEpochEnd(1, { loss: 0.5 });
    expect(h.epoch).toEqual([0, 1]);
    expect(h.history).toEqual({ loss: [1, 0.5] });
  });

  it('EarlyStopping stops after `patience` epochs without improvement', () => {
    const m = fakeModel();
    const es = new EarlyStopping({ patience: 2, monitor: 'val_loss' });
    es.setModel(m);
    es.onTrainBegin();
    const losses = [1, 0.8, 0.9, 0.85, 0.7];
    let stopped = -1;
    for (let e = 0; e < losses.length && stopped < 0; e++) {
      es.onEpochEnd(e, { val_loss: losses[e] });
      if (m.stopTraining) stopped = e;
    }
    expect(stopped).toBe(3);
    expect(es.bestEpoch).toBe(1);
  });

  it('EarlyStopping maximizes accuracy-like metrics in auto mode', () => {
    const m = fakeModel();
    const es = new EarlyStopping({ patience: 1, monitor: 'val_accuracy' });
    es.setModel(m);
    es.onTrainBegin();
    es.onEpochEnd(0, { val_accuracy: 0.5 });
    es.onEpochEnd(1, { val_accuracy: 0.6 });
    expect(m.stopTraining).toBe(false);
    es.onEpochEnd(2, { val_accuracy: 0.55 });
    expect(m.stopTraining).toBe(true);
  });

  it('LearningRateScheduler sets the optimizer learning rate each epoch', () => {
    const m = fakeModel();
    const s = new LearningRateScheduler((epoch, lr) => (epoch < 1 ? lr : lr * 0.5));
    s.setModel(m);
    s.onEpochBegin(0);
    expect(m.lr.learningRate).toBe(0.1);
    s.onEpochBegin(1);
    expect(m.lr.learningRate).toBe(0.05);
    expect(() => new LearningRateScheduler(() => NaN).setModel(m)).not.toThrow();
  });

  it('ModelCheckpoint formats paths and saves only improvements with saveBestOnly', async () => {
    expect(formatPath('weights.{epoch:02d}-{val_loss:.2f}.h5', 3, { val_loss: 0.12345 })).toBe('weights.03-0.12.h5');
    expect(() => formatPath('{nope}', 1, {})).toThrow(/nope/);
    const m = fakeModel();
    const cp = new ModelCheckpoint('ckpt-{epoch}', { saveBestOnly: true, saveWeightsOnly: true });
    cp.setModel(m);
    await cp.onEpochEnd(0, { val_loss: 1 });
    await cp.onEpochEnd(1, { val_loss: 2 });
    await cp.onEpochEnd(2, { val_loss: 0.5 });
    expect(m.saved).toEqual(['weights:ckpt-1', 'weights:ckpt-3']);
  });

  it('Progbar draws the Keras bar', () => {
    const out: string[] = [];
    const bar = new Progbar({ target: 10, stream: { write: (s) => out.push(s), isTTY: true }, interval: 0 });
    bar.update(5, [['loss', 0.5]], false);
    bar.update(10, [['loss', 0.25]], true);
    const text = out.join('');
    expect(text).toContain(' 5/10 [==============>...............] - ETA:');
    expect(text).toMatch(/10\/10 \[==============================\] - \d+s \d+(us|ms|s)\/step - loss: 0\.2500\n$/);
  });
});

describe('Progbar number format', () => {
  it('prints tiny and large values as Python %.4e (two-digit exponent)', () => {
    const out: string[] = [];
    const bar = new Progbar({ target: 1, stream: { write: (s) => out.push(s), isTTY: false } });
    bar.update(1, [['loss', 0.00012345], ['big', 123456], ['acc', 0.5]], true);
    expect(out.join('')).toContain('loss: 1.2345e-04 - big: 1.2346e+05 - acc: 0.5000');
  });
});
