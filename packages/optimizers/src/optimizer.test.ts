import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { RuntimeError, ValueError } from '@keras-ts/tensor';
import {
  Adadelta, Adagrad, Adam, Adamax, AdamW, ExponentialDecay, Ftrl, Nadam, RMSprop, SGD, PiecewiseConstantDecay, type Optimizer,
} from './index.js';
import { denseVars, disposeVars, gradsFor, run } from './test-utils.js';

beforeAll(async () => {
  await tf.ready();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** One configuration of every optimizer, with its slots in tf.keras 2 order. */
const ALL: Array<{ make: () => Optimizer; legacySlots: string[]; kerasSlots: string[]; extra?: string }> = [
  { make: () => new SGD({ learningRate: 0.1 }), legacySlots: [], kerasSlots: [] },
  { make: () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), legacySlots: ['momentum'], kerasSlots: ['momentum'] },
  { make: () => new RMSprop({ momentum: 0.5, centered: true }), legacySlots: ['rms', 'momentum', 'mg'], kerasSlots: ['velocity', 'momentum', 'average_gradient'] },
  { make: () => new Adam({ amsgrad: true }), legacySlots: ['m', 'v', 'vhat'], kerasSlots: ['momentum', 'velocity', 'velocity_hat'] },
  { make: () => new AdamW({ learningRate: 0.01 }), legacySlots: ['m', 'v'], kerasSlots: ['momentum', 'velocity'] },
  { make: () => new Adagrad({ learningRate: 0.1 }), legacySlots: ['accumulator'], kerasSlots: ['accumulator'] },
  { make: () => new Adadelta({ learningRate: 1 }), legacySlots: ['accum_grad', 'accum_var'], kerasSlots: ['accumulated_grad', 'accumulated_delta_var'] },
  { make: () => new Adamax(), legacySlots: ['m', 'v'], kerasSlots: ['momentum', 'norm'] },
  { make: () => new Nadam(), legacySlots: ['m', 'v'], kerasSlots: ['momentum', 'velocity'], extra: 'momentum_cache' },
  { make: () => new Ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.01 }), legacySlots: ['accumulator', 'linear'], kerasSlots: ['accumulator', 'linear'] },
  { make: () => new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }), clipnorm: 1 }), legacySlots: ['m', 'v'], kerasSlots: ['momentum', 'velocity'] },
  { make: () => new SGD({ learningRate: 0.1, momentum: 0.5, globalClipnorm: 1, weightDecay: 0.01 }), legacySlots: ['momentum'], kerasSlots: ['momentum'] },
  { make: () => new Adam({ useEma: true, emaMomentum: 0.9, emaOverwriteFrequency: 3 }), legacySlots: ['average', 'm', 'v'], kerasSlots: ['average', 'momentum', 'velocity'] },
  {
    make: () => new Nadam({ gradientAccumulationSteps: 2, useEma: true }),
    legacySlots: ['average', 'gradient_accumulator', 'm', 'v'],
    kerasSlots: ['average', 'gradient_accumulator', 'momentum', 'velocity'],
    extra: 'momentum_cache',
  },
];

describe('Optimizer base', () => {
  for (const { make, legacySlots, kerasSlots, extra } of ALL) {
    describe(make.toString().replace(/^\(\) => new /, ''), () => {
      it('restores its state with setWeights: the next steps equal the uninterrupted run', () => {
        const start = tf.memory().numTensors;
        const varsA = denseVars();
        const a = make();
        run(a, varsA, 0, 3);
        const saved = a.getWeights();
        const savedVars = varsA.map((v) => tf.clone(v));
        run(a, varsA, 3, 2);

        const varsB = denseVars();
        varsB.forEach((v, i) => v.assign(savedVars[i]!));
        const b = make();
        b.build(varsB);
        b.setWeights(saved);
        run(b, varsB, 3, 2);
        varsA.forEach((v, i) => expect(Array.from(varsB[i]!.dataSync())).toEqual(Array.from(v.dataSync())));
        const after = b.getWeights();
        expect(after.length).toBe(saved.length);
        tf.dispose(after);
        a.variables.forEach((v, i) => expect(Array.from(b.variables[i]!.dataSync())).toEqual(Array.from(v.dataSync())));

        tf.dispose([...saved, ...savedVars]);
        a.dispose();
        b.dispose();
        disposeVars([...varsA, ...varsB]);
        expect(tf.memory().numTensors).toBe(start);
      });

      it('names its slots in both Keras conventions and orders getWeights as tf.keras 2', () => {
        const vars = denseVars();
        const opt = make();
        opt.build(vars);
        const slots = opt.slots();
        expect([...new Set(slots.map((s) => s.slotName))]).toEqual(legacySlots);
        expect([...new Set(slots.map((s) => s.kerasName))]).toEqual(kerasSlots);
        for (const s of slots) expect(s.slot.shape).toEqual(s.variable.shape);
        const names = opt.weightNames();
        const expected = [
          `${opt.name}/iter:0`,
          ...(extra ? [`${opt.name}/${extra}:0`] : []),
          ...legacySlots.flatMap((s) => [`${opt.name}/dense/kernel/${s}:0`, `${opt.name}/dense/bias/${s}:0`]),
        ];
        expect(names).toEqual(expected);
        // Keras 3 order: iteration, learning_rate (unless a schedule), slots interleaved as created.
        const k3 = opt.variables.map((v) => tf.variableInfo(v).path);
        expect(k3[0]).toBe(`${opt.name}/iteration`);
        expect(k3.includes(`${opt.name}/learning_rate`)).toBe(opt.learningRateSchedule === null);
        expect(k3.length).toBe(1 + (opt.learningRateSchedule ? 0 : 1) + slots.length + (extra ? 1 : 0));
        opt.dispose();
        disposeVars(vars);
      });

      it('steps without reading back to JS and without growing memory', () => {
        const vars = denseVars();
        const opt = make();
        run(opt, vars, 0, 1); // builds
        const backend = tf.engine().backend;
        const readSync = vi.spyOn(backend, 'readSync');
        const read = vi.spyOn(backend, 'read');
        const before = tf.memory().numTensors;
        run(opt, vars, 1, 3);
        expect(tf.memory().numTensors).toBe(before);
        expect(readSync).not.toHaveBeenCalled();
        expect(read).not.toHaveBeenCalled();
        vi.restoreAllMocks();
        expect(opt.iterations.dtype).toBe('int32');
        expect(opt.iterations.dataSync()[0]).toBe(4);
        opt.dispose();
        disposeVars(vars);
      });
    });
  }
});

describe('applyGradients', () => {
  it('skips null gradients (with a warning) but counts the step; all-null is an error', () => {
    const vars = denseVars();
    const opt = new SGD({ learningRate: 0.5 });
    const bias = Array.from(vars[1]!.dataSync());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [g] = gradsFor(vars, 0);
    opt.applyGradients([[g!, vars[0]!], [null, vars[1]!]]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dense/bias'));
    expect(Array.from(vars[1]!.dataSync())).toEqual(bias);
    expect(opt.iterations.dataSync()[0]).toBe(1);
    expect(() => opt.applyGradients([[null, vars[0]!], [null, vars[1]!]])).toThrow(/no gradients provided for any variable/);
    tf.dispose(g!);
    opt.dispose();
    disposeVars(vars);
  });

  it('rejects variables it was not built with, and gradients of the wrong shape', () => {
    const vars = denseVars();
    const other = tf.makeVariable(tf.zeros([2]), { path: 'other/w' });
    const opt = new Adam();
    const grads = gradsFor(vars, 0);
    opt.applyGradients(grads.map((g, i) => [g, vars[i]!]));
    const g2 = tf.zeros([2]);
    expect(() => opt.applyGradients([[g2, other]])).toThrow(/unknown variable 'other\/w'.*originally built with/);
    expect(() => opt.applyGradients([[g2, vars[1]!]])).toThrow(ValueError);
    expect(() => opt.applyGradients([[g2, vars[1]!]])).toThrow(/'dense\/bias' has shape \[2\] but the variable has shape \[3\]/);
    tf.dispose([...grads, g2]);
    opt.dispose();
    disposeVars([...vars, other]);
  });

  it('is a no-op for an empty list', () => {
    const opt = new SGD();
    opt.applyGradients([]);
    expect(opt.iterations.dataSync()[0]).toBe(0);
    opt.dispose();
  });

  it('minimize() computes gradients and applies them like applyGradients', () => {
    const start = tf.memory().numTensors;
    const init = tf.tensor([1, -2, 3]);
    const w1 = tf.makeVariable(init, { path: 'w' });
    const w2 = tf.makeVariable(init, { path: 'w' });
    init.dispose();
    const target = tf.tensor([0.5, 0.5, 0.5]);
    const a = new Adam({ learningRate: 0.1 });
    const b = new Adam({ learningRate: 0.1 });
    const loss = a.minimize(() => tf.sum(tf.square(tf.sub(w1, target))) as tf.Scalar, [w1]);
    expect(loss.dataSync()[0]).toBeCloseTo(0.25 + 6.25 + 6.25, 5);
    const g = tf.tidy(() => tf.mul(2, tf.sub(w2, target)));
    b.applyGradients([[g, w2]]);
    expect(Array.from(w1.dataSync())).toEqual(Array.from(w2.dataSync()));
    tf.dispose([loss, g, target]);
    a.dispose();
    b.dispose();
    disposeVars([w1, w2]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('minimize() skips variables the loss does not use, and explains a loss that uses none', () => {
    const start = tf.memory().numTensors;
    const [k, b] = denseVars();
    const opt = new SGD({ learningRate: 0.1 });
    const bias = Array.from(b!.dataSync());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const loss = opt.minimize(() => tf.sum(tf.square(k!)) as tf.Scalar, [k!, b!]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dense/bias'));
    expect(Array.from(b!.dataSync())).toEqual(bias);
    const c = tf.scalar(3);
    expect(() => opt.minimize(() => tf.mul(c, c) as tf.Scalar, [b!])).toThrow(/minimize: no gradients provided for any variable: the loss does not depend on 'dense\/bias'/);
    tf.dispose([loss, c]);
    opt.dispose();
    disposeVars([k!, b!]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('divides gradients by lossScaleFactor', () => {
    const [v1] = denseVars().slice(0, 1);
    const [v2] = denseVars().slice(0, 1);
    const scaled = new SGD({ learningRate: 0.1, lossScaleFactor: 4 });
    const plain = new SGD({ learningRate: 0.1 });
    const g = tf.ones([2, 3]);
    const g4 = tf.mul(g, 4);
    scaled.applyGradients([[g4, v1!]]);
    plain.applyGradients([[g, v2!]]);
    expect(Array.from(v1!.dataSync())).toEqual(Array.from(v2!.dataSync()));
    const loss = tf.scalar(2);
    const s = scaled.scaleLoss(loss);
    expect(s.dataSync()[0]).toBe(8);
    tf.dispose([g, g4, loss, s]);
    scaled.dispose();
    plain.dispose();
  });
});

describe('weight decay', () => {
  it('decays every variable by lr * weightDecay unless excluded by name or by variable', () => {
    const vars = denseVars();
    const before = vars.map((v) => Array.from(v.dataSync()));
    const opt = new SGD({ learningRate: 0.5, weightDecay: 0.2 });
    opt.excludeFromWeightDecay({ varNames: ['bias'] });
    const zeros = vars.map((v) => tf.zerosLike(v));
    opt.applyGradients(zeros.map((z, i) => [z, vars[i]!]));
    const k = Array.from(vars[0]!.dataSync());
    before[0]!.forEach((x, i) => expect(k[i]).toBeCloseTo(x * 0.9, 6));
    expect(Array.from(vars[1]!.dataSync())).toEqual(before[1]);
    expect(() => opt.excludeFromWeightDecay({ varList: [vars[0]!] })).toThrow(/before the optimizer is built/);
    tf.dispose(zeros);
    opt.dispose();
    disposeVars(vars);
  });

  it('AdamW requires a weight decay', () => {
    expect(() => new AdamW({ weightDecay: null })).toThrow(/weight_decay/);
    const opt = new AdamW();
    expect(opt.weightDecay).toBe(0.004);
    opt.dispose();
  });
});

describe('options', () => {
  it('validates like Keras, before creating any variable', () => {
    const start = tf.memory().numTensors;
    expect(() => new SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/only one of `clipnorm`, `clipvalue` and `global_clipnorm`/);
    expect(() => new SGD({ momentum: 1.5 })).toThrow(/momentum/);
    expect(() => new Adam({ learningRate: Number.NaN })).toThrow(/learning_rate/);
    expect(() => new Adam({ learningRate: '0.1' as unknown as number })).toThrow(/learning_rate/);
    expect(() => new Adam({ beta_1: 0.5 } as never)).toThrow(/not recognized: beta_1/);
    expect(() => new Ftrl({ learningRatePower: 0.5 })).toThrow(/`learning_rate_power` needs to be negative or zero/);
    expect(() => new Ftrl({ l1RegularizationStrength: -1 })).toThrow(/l1_regularization_strength/);
    expect(() => new Adam({ useEma: true, emaMomentum: 2 })).toThrow(/`ema_momentum` must be in the range \[0, 1\]/);
    expect(() => new Adam({ useEma: true, emaOverwriteFrequency: 0.5 })).toThrow(/ema_overwrite_frequency/);
    expect(() => new Adam({ gradientAccumulationSteps: 1 })).toThrow(/`gradient_accumulation_steps` must be an integer >= 2. Received: gradient_accumulation_steps=1/);
    expect(() => new SGD({ clipnorm: -1 })).toThrow(/clipnorm/);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('names optimizers like Keras auto_name', () => {
    const a = new RMSprop();
    const b = new RMSprop();
    const w = new AdamW();
    expect(a.name).toMatch(/^rm_sprop(_\d+)?$/);
    expect(b.name).not.toBe(a.name);
    expect(w.name).toMatch(/^adam_w(_\d+)?$/);
    [a, b, w].forEach((o) => o.dispose());
  });
});

describe('learning rate', () => {
  it('reads and sets a number learning rate through its variable', () => {
    const opt = new Adam({ learningRate: 0.01 });
    expect(opt.learningRate).toBeCloseTo(0.01, 8);
    opt.learningRate = 0.5;
    expect(opt.learningRate).toBe(0.5);
    expect(opt.getConfig().learning_rate).toBe(0.5);
    expect(() => (opt.learningRate = Number.POSITIVE_INFINITY)).toThrow(ValueError);
    opt.dispose();
  });

  it('evaluates a schedule at the current iteration; replacing the variable by a schedule untracks it', () => {
    const vars = denseVars();
    const opt = new SGD({ learningRate: 0.1 });
    const n = opt.variables.length;
    const schedule = new PiecewiseConstantDecay({ boundaries: [1], values: [1, 0.25] });
    opt.learningRate = schedule;
    expect(opt.variables.length).toBe(n - 1);
    expect(opt.learningRate).toBe(1);
    run(opt, vars, 0, 2);
    expect(opt.learningRate).toBe(0.25);
    expect(() => (opt.learningRate = 0.1)).toThrow(/not settable/);
    opt.dispose();
    disposeVars(vars);
  });
});

describe('setWeights / getWeights', () => {
  it('explains what is wrong', () => {
    const vars = denseVars();
    const opt = new Adam();
    expect(() => opt.setWeights([])).toThrow(/has not been built/);
    opt.build(vars);
    const w = opt.getWeights();
    expect(w.map((t) => t.shape)).toEqual([[], [2, 3], [3], [2, 3], [3]]);
    expect(() => opt.setWeights(w.slice(1))).toThrow(/expected 5 arrays .*adam(_\d+)?\/iter:0.*received 4/);
    const bad = [w[0]!, w[2]!, w[1]!, w[3]!, w[4]!];
    expect(() => opt.setWeights(bad)).toThrow(/dense\/kernel\/m:0' has shape \[2,3\].*\[3\]/);
    // An iteration count given as float (as read from an int64 dataset) is cast.
    const it5 = tf.scalar(5, 'float32');
    opt.setWeights([it5, ...w.slice(1)]);
    expect(opt.iterations.dtype).toBe('int32');
    expect(opt.iterations.dataSync()[0]).toBe(5);
    tf.dispose([...w, it5]);
    opt.dispose();
    disposeVars(vars);
  });

  it('uses the tf.keras 2 HDF5 names and order of a real file (issue_9349.hdf5, Keras 2.4 Adam)', () => {
    // optimizer_weights/weight_names of keras-h5/dl4j/tfkeras/issue_9349.hdf5.
    const fromFile = [
      'Adam/iter:0', 'Adam/embedding/embeddings/m:0', 'Adam/conv1d/kernel/m:0', 'Adam/conv1d/bias/m:0',
      'Adam/dense/kernel/m:0', 'Adam/dense/bias/m:0', 'Adam/embedding/embeddings/v:0', 'Adam/conv1d/kernel/v:0',
      'Adam/conv1d/bias/v:0', 'Adam/dense/kernel/v:0', 'Adam/dense/bias/v:0',
    ];
    const shapes: Array<[string, number[]]> = [['embedding/embeddings', [5, 3]], ['conv1d/kernel', [2, 3, 3]], ['conv1d/bias', [3]], ['dense/kernel', [3, 2]], ['dense/bias', [2]]];
    const vars = shapes.map(([path, shape]) => {
      const z = tf.zeros(shape);
      const v = tf.makeVariable(z, { path });
      z.dispose();
      return v;
    });
    const opt = new Adam({ name: 'Adam' });
    opt.build(vars);
    expect(opt.weightNames()).toEqual(fromFile);
    opt.dispose();
    disposeVars(vars);
  });
});

describe('saveOwnVariables / loadOwnVariables (Keras 3 order)', () => {
  it('round-trips the whole state, learning rate included, and continues identically', () => {
    const start = tf.memory().numTensors;
    const varsA = denseVars();
    const a = new Nadam({ learningRate: 0.01 });
    run(a, varsA, 0, 3);
    const saved = a.saveOwnVariables();
    expect(saved.map((t) => t.dtype)).toEqual(['int32', 'float32', 'float32', 'float32', 'float32', 'float32', 'float32']);
    const savedVars = varsA.map((v) => tf.clone(v));
    run(a, varsA, 3, 2);

    const varsB = denseVars();
    varsB.forEach((v, i) => v.assign(savedVars[i]!));
    const b = new Nadam({ learningRate: 0.5 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(b.loadOwnVariables(saved)).toBe(false); // not built: Keras warns and skips
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/has 2 variables whereas the saved optimizer has 7 variables.*not been called\/built/));
    b.build(varsB);
    // The iteration count as a .keras file holds it (int64, read as float here).
    const asFile = [tf.cast(saved[0]!, 'float32'), ...saved.slice(1)];
    expect(b.loadOwnVariables(asFile)).toBe(true);
    expect(b.learningRate).toBeCloseTo(0.01, 8);
    run(b, varsB, 3, 2);
    varsA.forEach((v, i) => expect(Array.from(varsB[i]!.dataSync())).toEqual(Array.from(v.dataSync())));
    expect(() => b.loadOwnVariables([asFile[0]!, asFile[1]!, asFile[4]!, asFile[3]!, asFile[2]!, ...asFile.slice(5)])).toThrow(/has shape \[2,3\], not compatible with the saved value's shape \[3\]/);

    tf.dispose([...saved, ...savedVars, asFile[0]!]);
    a.dispose();
    b.dispose();
    disposeVars([...varsA, ...varsB]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('has the layout of a real .keras file (keras-v3/mnist-softmax, Keras 3.12 Adam)', () => {
    // optimizer/vars/<i> of that file's model.weights.h5: shapes (and dtypes) in order.
    const fromFile: Array<[number[], string]> = [
      [[], 'int64'], [[], 'float32'], [[784, 128], 'float32'], [[784, 128], 'float32'], [[128], 'float32'], [[128], 'float32'],
      [[128, 32], 'float32'], [[128, 32], 'float32'], [[32], 'float32'], [[32], 'float32'], [[32, 10], 'float32'], [[32, 10], 'float32'],
      [[10], 'float32'], [[10], 'float32'],
    ];
    const shapes = [[784, 128], [128], [128, 32], [32], [32, 10], [10]];
    const vars = shapes.map((shape, i) => {
      const z = tf.zeros(shape);
      const v = tf.makeVariable(z, { path: `dense_${Math.floor(i / 2)}/${i % 2 ? 'bias' : 'kernel'}` });
      z.dispose();
      return v;
    });
    const opt = new Adam();
    opt.build(vars);
    expect(opt.variables.map((v) => [v.shape, v.dtype === 'int32' ? 'int64' : v.dtype])).toEqual(fromFile);
    opt.dispose();
    disposeVars(vars);
  });

  it('writes tf.keras 2 names with the class name as prefix when asked', () => {
    const vars = denseVars();
    const opt = new Nadam();
    opt.build(vars);
    expect(opt.weightNames(opt.className).slice(0, 3)).toEqual(['Nadam/iter:0', 'Nadam/momentum_cache:0', 'Nadam/dense/kernel/m:0']);
    opt.dispose();
    disposeVars(vars);
  });
});

describe('dispose', () => {
  it('frees every optimizer variable and refuses further use', () => {
    const start = tf.memory().numTensors;
    const vars = denseVars();
    const opt = new RMSprop({ momentum: 0.9, centered: true });
    run(opt, vars, 0, 2);
    opt.dispose();
    opt.dispose();
    expect(tf.memory().numTensors).toBe(start + 2);
    expect(() => run(opt, vars, 2, 1)).toThrow(RuntimeError);
    disposeVars(vars);
    expect(tf.memory().numTensors).toBe(start);
  });
});
