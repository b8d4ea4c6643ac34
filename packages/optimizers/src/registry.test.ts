import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ValueError } from '@keras-ts/tensor';
import {
  Adam, AdamW, ExponentialDecay, Ftrl, InverseTimeDecay, Nadam, Optimizer, RMSprop, SGD, deserialize, get, registerOptimizer, serialize,
  type SerializedKerasObject,
} from './index.js';

beforeAll(async () => {
  await tf.ready();
});

const ref = JSON.parse(readFileSync(new URL('../test-data/reference.json', import.meta.url), 'utf8')) as {
  configs: Record<string, SerializedKerasObject>;
};

describe('getConfig matches Keras 3 for every optimizer (defaults)', () => {
  for (const [className, keras] of Object.entries(ref.configs)) {
    it(className, () => {
      const opt = get(className);
      const ours = serialize(opt);
      const { name: _ours, ...oursRest } = ours.config;
      const { name: _keras, ...kerasRest } = keras.config as Record<string, unknown>;
      expect(ours.class_name).toBe(keras.class_name);
      expect(ours.module).toBe(keras.module);
      expect(Object.keys(oursRest)).toEqual(Object.keys(kerasRest)); // same keys, same order
      expect(oursRest).toEqual(kerasRest);
      opt.dispose();
    });
  }
});

describe('config round trip', () => {
  const made: Array<() => Optimizer> = [
    () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true, clipnorm: 2, name: 'my_sgd' }),
    () => new RMSprop({ rho: 0.8, momentum: 0.1, centered: true, epsilon: 1e-5, globalClipnorm: 3 }),
    () => new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true }), amsgrad: true }),
    () => new AdamW({ weightDecay: 0.1, clipvalue: 0.5, lossScaleFactor: 128 }),
    () => new Nadam({ beta1: 0.8, beta2: 0.95 }),
    () => new Ftrl({ learningRatePower: -0.7, l1RegularizationStrength: 0.1, l2RegularizationStrength: 0.2, l2ShrinkageRegularizationStrength: 0.3, beta: 0.4, initialAccumulatorValue: 0.5 }),
  ];
  for (const make of made) {
    it(make.toString().replace(/^\(\) => new /, '').slice(0, 80), () => {
      const a = make();
      const s = serialize(a);
      const json = JSON.parse(JSON.stringify(s));
      const b = deserialize(json);
      expect(b.constructor).toBe(a.constructor);
      expect(serialize(b)).toEqual(s);
      // fromConfig on the class itself.
      const c = (a.constructor as typeof Adam).fromConfig(json.config);
      expect(c.getConfig()).toEqual(a.getConfig());
      [a, b, c].forEach((o) => o.dispose());
    });
  }

  it('Optimizer.fromConfig on the abstract base explains what to call instead', () => {
    expect(() => Optimizer.fromConfig.call(Optimizer as never, {})).toThrow(/deserialize/);
  });
});

describe('get', () => {
  it('takes names case-insensitively, as Keras', () => {
    for (const [name, cls] of [['adam', Adam], ['ADAM', Adam], ['sgd', SGD], ['RMSprop', RMSprop], ['rmsprop', RMSprop], ['adamw', AdamW], ['Ftrl', Ftrl]] as const) {
      const opt = get(name);
      expect(opt).toBeInstanceOf(cls);
      expect(opt.constructor).toBe(cls);
      opt.dispose();
    }
  });

  it('returns an instance unchanged', () => {
    const opt = new SGD();
    expect(get(opt)).toBe(opt);
    opt.dispose();
  });

  it('names the unknown optimizer and lists the known ones', () => {
    expect(() => get('adamm')).toThrow(NotFoundError);
    expect(() => get('adamm')).toThrow(/Unknown optimizer: 'adamm'. Known optimizers: SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, Ftrl/);
    expect(() => get({ class_name: 'Addons>LAMB', config: {} })).toThrow(/'Addons>LAMB'/);
    expect(() => get(42 as never)).toThrow(ValueError);
    expect(() => deserialize({ config: {} })).toThrow(/expected \{class_name, config\}/);
  });

  it('rejects config keys Keras does not know', () => {
    expect(() => get({ class_name: 'Adam', config: { beta_3: 1 } })).toThrow(/not recognized: beta3/);
  });

  it('accepts custom registered optimizers', () => {
    class MySGD extends SGD {
      override readonly className = 'MySGD';
    }
    registerOptimizer('MySGD', MySGD);
    const opt = get({ class_name: 'MySGD', config: { learning_rate: 0.5 } });
    expect(opt).toBeInstanceOf(MySGD);
    expect(opt.learningRate).toBe(0.5);
    opt.dispose();
  });
});

describe('reads the optimizer configs of real Keras files', () => {
  // training_config.optimizer_config of files in /work/shared/fixtures (see its README).
  const files: Array<[string, SerializedKerasObject, Record<string, unknown>]> = [
    [
      'keras-v3/gurobi/diabetes.keras (Keras 3.1.1)',
      { module: 'keras.optimizers', class_name: 'Adam', config: { name: 'adam', learning_rate: 0.10000000149011612, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false }, registered_name: null },
      { className: 'Adam', name: 'adam', learningRate: 0.10000000149011612, beta1: 0.9 },
    ],
    [
      'keras-h5/dl4j/weights/keras-attention.h5 (tf.keras 2.11, Custom>Adam)',
      { class_name: 'Custom>Adam', config: { amsgrad: false, beta_1: 0.9, beta_2: 0.999, clipnorm: null, clipvalue: null, ema_momentum: 0.99, ema_overwrite_frequency: null, epsilon: 1e-7, global_clipnorm: null, is_legacy_optimizer: false, jit_compile: true, learning_rate: 0.004999999888241291, name: 'Adam', use_ema: false, weight_decay: null } },
      { className: 'Adam', name: 'Adam', learningRate: 0.004999999888241291 },
    ],
    [
      'keras-h5/dl4j/tfkeras/issue_9349.hdf5 (tf.keras 2.4)',
      { class_name: 'Adam', config: { amsgrad: false, beta_1: 0.8999999761581421, beta_2: 0.9990000128746033, decay: 0.0, epsilon: 1e-8, learning_rate: 0.0011449999874457717, name: 'Adam' } },
      { className: 'Adam', learningRate: 0.0011449999874457717, epsilon: 1e-8 },
    ],
    [
      'keras-h5/dl4j/tfkeras/cnn2d_40.h5 (tf.keras 2.2.4-tf)',
      { class_name: 'RMSprop', config: { centered: false, decay: 0.0, epsilon: 1e-7, learning_rate: 0.001, momentum: 0.0, name: 'RMSprop', rho: 0.9 } },
      { className: 'RMSprop', rho: 0.9, learningRate: 0.0010000000474974513 },
    ],
    [
      'keras-h5/dl4j/optimizers/sgd.h5 (Keras 2.0.9, lr)',
      { class_name: 'SGD', config: { decay: 0.0, lr: 0.009999999776482582, momentum: 0.0, nesterov: false } },
      { className: 'SGD', learningRate: 0.009999999776482582 },
    ],
    [
      'keras-h5/dl4j/optimizers/nadam.h5 (Keras 2.0.9, schedule_decay)',
      { class_name: 'Nadam', config: { beta_1: 0.8999999761581421, beta_2: 0.9990000128746033, epsilon: 1e-8, lr: 0.0020000000949949026, schedule_decay: 0.004 } },
      { className: 'Nadam', learningRate: 0.0020000000949949026 },
    ],
    [
      'keras-h5/dl4j/optimizers/adadelta.h5 (Keras 2.0.9)',
      { class_name: 'Adadelta', config: { decay: 0.0, epsilon: 1e-8, lr: 1.0, rho: 0.95 } },
      { className: 'Adadelta', learningRate: 1, rho: 0.95 },
    ],
    [
      'keras-h5/dl4j/examples/simple_lstm/simple_lstm_tf_keras_1_model.h5 (Keras 1.2.2)',
      { class_name: 'RMSprop', config: { decay: 0.0, epsilon: 1e-8, lr: 0.0010000000474974513, rho: 0.8999999761581421 } },
      { className: 'RMSprop', learningRate: 0.0010000000474974513 },
    ],
  ];
  for (const [file, config, expected] of files) {
    it(file, () => {
      const opt = get(config);
      for (const [key, value] of Object.entries(expected)) expect((opt as unknown as Record<string, unknown>)[key], key).toBe(value);
      opt.dispose();
    });
  }

  it("turns tf.keras 2's `decay` into the equivalent InverseTimeDecay (ELU_0_model.h5, Keras 2.3.1)", () => {
    const config = { class_name: 'RMSprop', config: { decay: 9.999999974752427e-7, epsilon: 1e-7, learning_rate: 9.999999747378752e-5, rho: 0.8999999761581421 } };
    const opt = get(config);
    const schedule = opt.learningRateSchedule;
    expect(schedule).toBeInstanceOf(InverseTimeDecay);
    // tf.keras 2: lr / (1 + decay * iterations)
    for (const t of [0, 1, 1000, 123456]) expect(schedule!.valueAt(t)).toBeCloseTo(9.999999747378752e-5 / (1 + 9.999999974752427e-7 * t), 10);
    expect(() => get({ class_name: 'SGD', config: { decay: -1 } })).toThrow(/decay/);
    opt.dispose();
  });
});
