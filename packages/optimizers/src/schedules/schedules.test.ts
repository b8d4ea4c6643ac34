import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import { schedules, SGD, serialize, deserialize } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('schedules', () => {
  it('validate their arguments like Keras', () => {
    expect(() => new schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 })).toThrow(/`decay_steps` must be > 0. Received: decay_steps=0/);
    expect(() => new schedules.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: -1 })).toThrow(ValueError);
    expect(() => new schedules.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 1 })).toThrow(ValueError);
    expect(() => new schedules.CosineDecay({ initialLearningRate: 0.1, decaySteps: 0 })).toThrow(ValueError);
    expect(() => new schedules.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 0 })).toThrow(/`first_decay_steps` must be > 0/);
    expect(() => new schedules.PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(/1 shorter than `values`/);
    expect(() => new schedules.PiecewiseConstantDecay({ boundaries: [], values: [1] })).toThrow(ValueError);
    expect(() => new schedules.PiecewiseConstantDecay({ boundaries: [5, 2], values: [1, 2, 3] })).toThrow(/increasing/);
    expect(() => new schedules.ExponentialDecay({ initialLearningRate: Number.NaN, decaySteps: 1, decayRate: 0.9 })).toThrow(/initial_learning_rate/);
  });

  it('round-trip through serialize/deserialize (Keras 3 and tf.keras 2 forms)', () => {
    const all = [
      new schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 7, decayRate: 0.3, staircase: true, name: 'e' }),
      new schedules.PiecewiseConstantDecay({ boundaries: [3, 9], values: [1, 0.5, 0.1] }),
      new schedules.PolynomialDecay({ initialLearningRate: 1, decaySteps: 4, endLearningRate: 0.5, power: 3, cycle: true }),
      new schedules.InverseTimeDecay({ initialLearningRate: 0.2, decaySteps: 3, decayRate: 0.5 }),
      new schedules.CosineDecay({ initialLearningRate: 0.2, decaySteps: 30, alpha: 0.1, warmupTarget: 0.4, warmupSteps: 5 }),
      new schedules.CosineDecayRestarts({ initialLearningRate: 0.2, firstDecaySteps: 3, tMul: 1.5, mMul: 0.5, alpha: 0.1 }),
    ];
    for (const s of all) {
      const json = JSON.parse(JSON.stringify(schedules.serialize(s)));
      expect(json.module).toBe('keras.optimizers.schedules');
      const back = schedules.deserialize(json);
      expect(back.constructor).toBe(s.constructor);
      expect(back.getConfig()).toEqual(s.getConfig());
      const legacy = schedules.deserialize({ class_name: json.class_name, config: json.config });
      for (const step of [0, 2, 4, 11, 40]) expect(legacy.valueAt(step)).toBe(s.valueAt(step));
    }
    expect(() => schedules.deserialize({ class_name: 'WarmupCosine', config: {} })).toThrow(NotFoundError);
    expect(() => schedules.deserialize({ class_name: 'WarmupCosine', config: {} })).toThrow(/Unknown learning rate schedule: 'WarmupCosine'. Known schedules: ExponentialDecay/);
  });

  it('travel inside an optimizer config and drive its learning rate from iterations', () => {
    const start = tf.memory().numTensors;
    const s = new schedules.PiecewiseConstantDecay({ boundaries: [0, 1], values: [1, 0.5, 0.25] });
    const opt = new SGD({ learningRate: s });
    const config = serialize(opt);
    expect(config.config.learning_rate).toEqual(s.serialize());
    const back = deserialize(JSON.parse(JSON.stringify(config)));
    expect(back.learningRateSchedule?.getConfig()).toEqual(s.getConfig());
    const init = tf.tensor([0]);
    const v = tf.makeVariable(init, { path: 'v' });
    const g = tf.tensor([1]);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = v.dataSync()[0]!;
      opt.applyGradients([[g, v]]);
      seen.push(before - v.dataSync()[0]!);
    }
    expect(seen).toEqual([1, 0.5, 0.25]);
    tf.dispose([init, g]);
    tf.disposeVariable(v);
    opt.dispose();
    back.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
