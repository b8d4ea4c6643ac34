import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as losses from './index.js';

let start = 0;
beforeAll(async () => {
  await tf.ready();
});
beforeEach(() => {
  start = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(start);
});

function value(x: tf.Tensor): number[] {
  const v = Array.from(x.dataSync());
  x.dispose();
  return v;
}

function applyArrays(loss: losses.Loss, yt: number[] | number[][], yp: number[] | number[][], sw?: number[]): number[] {
  return value(loss.apply(yt, yp, sw));
}

describe('Loss reductions and options', () => {
  it('accepts tf.keras 2 "auto" (as sum_over_batch_size) and rejects unknown reductions', () => {
    const l = new losses.MeanSquaredError({ reduction: 'auto' });
    expect(l.reduction).toBe('sum_over_batch_size');
    expect(l.getConfig()).toEqual({ name: 'mean_squared_error', reduction: 'sum_over_batch_size' });
    expect(new losses.MeanSquaredError({ reduction: null }).reduction).toBe('none');
    expect(() => new losses.MeanSquaredError({ reduction: 'avg' as never })).toThrow(tf.ValueError);
    expect(() => new losses.MeanSquaredError({ reduction: 'avg' as never })).toThrow(/reduction="avg"|reduction=\"avg\"/);
  });

  it('reduces per-sample losses: sum, sum_over_batch_size, none, mean_with_sample_weight', () => {
    const yt = [[0, 1], [1, 1], [2, 0]];
    const yp = [[1, 1], [1, 3], [2, 1]];
    // per-sample MSE: [0.5, 2, 0.5]; weights [1, 2, 4]: weighted [0.5, 4, 2]
    const mk = (reduction: losses.Reduction) => new losses.MeanSquaredError({ reduction });
    expect(applyArrays(mk('none'), yt, yp, [1, 2, 4])).toEqual([0.5, 4, 2]);
    expect(applyArrays(mk('sum'), yt, yp, [1, 2, 4])[0]).toBeCloseTo(6.5, 6);
    expect(applyArrays(mk('sum_over_batch_size'), yt, yp, [1, 2, 4])[0]).toBeCloseTo(6.5 / 3, 6);
    expect(applyArrays(mk('mean_with_sample_weight'), yt, yp, [1, 2, 4])[0]).toBeCloseTo(6.5 / 7, 6);
    expect(applyArrays(mk('sum_over_batch_size'), yt, yp)[0]).toBeCloseTo(1, 6);
    expect(applyArrays(mk('sum_over_batch_size'), yt, yp, [2] as never)[0]).toBeCloseTo(2, 6);
  });

  it('weights per-timestep losses by a per-sample weight (weight gets a trailing axis)', () => {
    const yt = tf.zeros([2, 3, 1]);
    const yp = tf.tensor3d([[[1], [2], [3]], [[1], [1], [1]]]);
    const sw = tf.tensor1d([1, 0]);
    const l = new losses.MeanSquaredError({ reduction: 'none' });
    expect(value(l.apply(yt, yp, sw))).toEqual([1, 4, 9, 0, 0, 0]);
    tf.dispose([yt, yp, sw]);
  });

  it('follows tf.keras 2 in squeezing y_pred [b, 1] against y_true [b] (Keras 3 expands y_true instead)', () => {
    const l = new losses.MeanSquaredError({ reduction: 'none' });
    const yt = tf.tensor1d([0, 1, 2]);
    const yp = tf.tensor2d([[1], [1], [4]]);
    // tf.keras 2: both become [3], and the mean over the last axis gives one number for the batch.
    const per = l.call(yt, yp);
    expect(per.shape).toEqual([]);
    expect(value(per)[0]).toBeCloseTo(5 / 3, 6);
    expect(value(new losses.MeanSquaredError().apply(yt, yp))[0]).toBeCloseTo(5 / 3, 6);
    tf.dispose([yt, yp]);
  });

  it('binary crossentropy of probabilities adds epsilon inside the logs, as tf.keras 2 does', () => {
    // p clipped to 1e-7, then log(1e-7 + 1e-7): 15.4249 (Keras 3: -log(1e-7) = 16.1181).
    const v = applyArrays(new losses.BinaryCrossentropy(), [[1]], [[0]]);
    expect(v[0]).toBeCloseTo(-Math.log(2e-7), 3);
    const logits = applyArrays(new losses.BinaryCrossentropy({ fromLogits: true }), [[1, 0]], [[100, -100]]);
    expect(logits[0]).toBeCloseTo(0, 6);
  });

  it('sparse categorical crossentropy ignores ignore_class entries in the mean', () => {
    const l = new losses.SparseCategoricalCrossentropy({ ignoreClass: -1 });
    const yp = tf.tensor2d([[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]]);
    const yt = tf.tensor1d([0, -1, 1]);
    const expected = (-Math.log(0.5) - Math.log(0.8)) / 2;
    expect(value(l.apply(yt, yp))[0]).toBeCloseTo(expected, 5);
    tf.dispose([yt, yp]);
  });

  it('takes a Keras mask: masked entries do not count, the mean runs over the valid ones', () => {
    const yt = tf.zeros([2, 3, 1]);
    const yp = tf.tensor3d([[[1], [2], [3]], [[1], [1], [1]]]);
    const mask = tf.tensor2d([[1, 1, 0], [1, 0, 0]], undefined, 'bool');
    expect(value(new losses.MeanSquaredError().apply(yt, yp, undefined, { mask }))[0]).toBeCloseTo((1 + 4 + 1) / 3, 6);
    expect(value(new losses.MeanSquaredError({ reduction: 'sum' }).apply(yt, yp, [2, 1], { mask }))[0]).toBeCloseTo(2 * 5 + 1, 6);
    const bad = tf.ones([2, 2], 'bool');
    expect(() => new losses.MeanSquaredError().apply(yt, yp, undefined, { mask: bad })).toThrow(tf.ShapeError);
    tf.dispose([yt, yp, mask, bad]);
  });

  it('gives typed errors for bad shapes and bad options', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    expect(() => new losses.CategoricalCrossentropy().apply(a, b)).toThrow(tf.ShapeError);
    expect(() => new losses.CategoricalCrossentropy().apply(a, b)).toThrow(/y_true.shape=\[2,3\], y_pred.shape=\[2,4\]/);
    const c = tf.zeros([3]);
    const w = tf.ones([5]);
    expect(() => new losses.SparseCategoricalCrossentropy().apply(c, a)).toThrow(/sparse_categorical_crossentropy/);
    expect(() => new losses.CategoricalCrossentropy({ labelSmoothing: 2 }).apply(a, a)).toThrow(tf.ValueError);
    expect(() => losses.CategoricalCrossentropy.fromConfig({ from_logits: true, bogus: 1 })).toThrow(/unrecognized argument 'bogus'/);
    expect(() => new losses.MeanSquaredError().apply(a, a, w)).toThrow(tf.ShapeError);
    tf.dispose([a, b, c, w]);
    // the tensors made inside the failed calls are released by tidy
  });
});

describe('losses.get / serialize / deserialize', () => {
  it('resolves Keras names to functions, class names to instances, and passes Loss objects and functions through', () => {
    expect(losses.get('mse')).toBe(losses.meanSquaredError);
    expect(losses.get('MSE')).toBe(losses.meanSquaredError);
    expect(losses.get('mae')).toBe(losses.meanAbsoluteError);
    expect(losses.get('mape')).toBe(losses.meanAbsolutePercentageError);
    expect(losses.get('msle')).toBe(losses.meanSquaredLogarithmicError);
    expect(losses.get('kld')).toBe(losses.klDivergence);
    expect(losses.get('logcosh')).toBe(losses.logCosh);
    expect(typeof losses.get('huber')).toBe('function');
    expect(typeof losses.get('categorical_crossentropy')).toBe('function');
    expect(losses.get('CategoricalCrossentropy')).toBeInstanceOf(losses.CategoricalCrossentropy);
    const l = new losses.Huber({ delta: 2 });
    expect(losses.get(l)).toBe(l);
    const f = (t: tf.Tensor, p: tf.Tensor) => tf.sub(t, p);
    expect(losses.get(f)).toBe(f);
    expect(losses.get(null)).toBeNull();
  });

  it('throws NotFoundError naming an unknown loss', () => {
    expect(() => losses.get('categorical_crossentropyy')).toThrow(tf.NotFoundError);
    expect(() => losses.get('categorical_crossentropyy')).toThrow(/Unknown loss: 'categorical_crossentropyy'/);
    expect(() => losses.deserialize({ class_name: 'Nope', config: {} })).toThrow(/Unknown loss: 'Nope'/);
  });

  it('reads tf.keras 2 configs ("auto", full fn kwargs) and Keras 3 dicts (module, function entries)', () => {
    const k2 = losses.deserialize({
      class_name: 'CategoricalCrossentropy',
      config: { reduction: 'auto', name: 'categorical_crossentropy', from_logits: true, label_smoothing: 0.1, axis: -1 },
    }) as losses.CategoricalCrossentropy;
    expect(k2).toBeInstanceOf(losses.CategoricalCrossentropy);
    expect(k2.fnKwargs).toEqual({ fromLogits: true, labelSmoothing: 0.1, axis: -1 });
    const k3 = losses.deserialize({
      module: 'keras.losses',
      class_name: 'Huber',
      config: { name: 'huber_loss', reduction: 'sum' },
      registered_name: null,
    }) as losses.Huber;
    expect(k3.reduction).toBe('sum');
    expect(losses.deserialize({ module: 'builtins', class_name: 'function', config: 'mean_squared_error', registered_name: 'function' })).toBe(
      losses.meanSquaredError,
    );
  });

  it('round-trips every loss class through serialize/deserialize', () => {
    for (const [name, cls] of losses.lossClasses()) {
      const original = new cls();
      const s = losses.serialize(original) as { class_name: string; config: Record<string, unknown> };
      expect(s.class_name).toBe(name);
      const back = losses.deserialize(JSON.parse(JSON.stringify(s))) as losses.Loss;
      expect(back).toBeInstanceOf(cls);
      expect(back.getConfig()).toEqual(original.getConfig());
    }
    const custom = losses.serialize(new losses.BinaryFocalCrossentropy({ gamma: 3, fromLogits: true, name: 'focal' }));
    expect(custom).toEqual({
      class_name: 'BinaryFocalCrossentropy',
      config: {
        name: 'focal', reduction: 'sum_over_batch_size', apply_class_balancing: false, alpha: 0.25, gamma: 3, from_logits: true,
        label_smoothing: 0, axis: -1,
      },
    });
    expect(losses.serialize(losses.meanSquaredError)).toBe('mean_squared_error');
  });

  it('resolveLoss gives a Loss for compile: functions are wrapped and named after the Keras function', () => {
    const mse = losses.resolveLoss('mse');
    expect(mse).toBeInstanceOf(losses.LossFunctionWrapper);
    expect(mse.name).toBe('mean_squared_error');
    expect(value(mse.apply([[1, 2]], [[2, 4]]))[0]).toBeCloseTo(2.5, 6);
    expect(losses.resolveLoss('CategoricalCrossentropy')).toBeInstanceOf(losses.CategoricalCrossentropy);
    const custom = losses.resolveLoss(function myLoss(t: tf.Tensor, p: tf.Tensor) {
      return tf.mean(tf.abs(tf.sub(t, p)), -1);
    });
    expect(custom.name).toBe('myLoss');
    expect(() => losses.resolveLoss(null)).toThrow(tf.ValueError);
    expect(() => losses.resolveLoss('nope')).toThrow(tf.NotFoundError);
  });

  it('uses custom objects for custom names', () => {
    class MyLoss extends losses.LossFunctionWrapper {
      static override className = 'MyLoss';
      constructor(options: losses.LossOptions = {}) {
        super((t, p) => losses.meanAbsoluteError(t, p), { name: 'my_loss', ...options });
      }
    }
    const l = losses.deserialize({ class_name: 'MyLoss', config: { name: 'x', reduction: 'sum' } }, { MyLoss: MyLoss as never });
    expect(l).toBeInstanceOf(MyLoss);
    expect((l as MyLoss).name).toBe('x');
  });
});
