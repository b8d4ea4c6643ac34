import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { Dense, Input, Flatten, Activation, Reshape, KerasTensor } from '@keras-ts/layers';
import { Model, Sequential, modelFromJson, modelFromYaml } from '../index.js';

beforeAll(async () => {
  await tf.ready();
});

describe('functional Model', () => {
  it('builds multi-input, multi-output models with shared layers and residual connections', () => {
    const a = Input({ shape: [4], name: 'in_a' });
    const b = Input({ shape: [4], name: 'in_b' });
    const shared = new Dense(4, { name: 'shared' });
    const ha = shared.apply(a);
    const hb = shared.apply(b);
    const res = new Activation('relu').apply(new Dense(4, { name: 'sum_in' }).apply(ha));
    const out1 = new Dense(2, { name: 'out1' }).apply(res);
    const out2 = new Dense(3, { name: 'out2' }).apply(hb);
    const model = new Model({ inputs: [a, b], outputs: [out1, out2] });
    expect(model.inputNames).toEqual(['in_a', 'in_b']);
    expect(model.outputNames).toEqual(['out1', 'out2']);
    expect(shared.inboundNodes).toHaveLength(2);
    const start = tf.memory().numTensors;
    const xa = tf.ones([5, 4]);
    const xb = tf.ones([5, 4]);
    const [y1, y2] = model.predict([xa, xb]) as tf.Tensor[];
    expect(y1.shape).toEqual([5, 2]);
    expect(y2.shape).toEqual([5, 3]);
    tf.dispose([xa, xb, y1, y2]);
    expect(tf.memory().numTensors).toBe(start);
    // weights: shared layer counted once
    expect(model.weights.length).toBe(8);
    model.dispose();
  });

  it('nests a model as a layer', () => {
    const inner = new Sequential([new Dense(3, { inputShape: [2] }), new Dense(2)]);
    const x = Input({ shape: [2] });
    const y = new Dense(1).apply(inner.apply(x));
    const outer = new Model({ inputs: x, outputs: y });
    expect(outer.weights.length).toBe(6);
    const out = outer.predict(tf.ones([4, 2])) as tf.Tensor;
    expect(out.shape).toEqual([4, 1]);
    out.dispose();
  });

  it('rejects disconnected graphs with Keras’s message', () => {
    const a = Input({ shape: [3] });
    const b = Input({ shape: [3] });
    const y = new Dense(2).apply(b);
    expect(() => new Model({ inputs: a, outputs: y })).toThrow(/Graph disconnected/);
  });

  it('round-trips through JSON and YAML configs with identical predictions', () => {
    const x = Input({ shape: [6] });
    const h = new Dense(5, { activation: 'tanh' }).apply(x);
    const r = new Reshape([5, 1]).apply(h);
    const f = new Flatten().apply(r);
    const y = new Dense(2, { activation: 'softmax' }).apply(f);
    const model = new Model({ inputs: x, outputs: y, name: 'roundtrip' });
    const json = model.toJson();
    const parsed = JSON.parse(json);
    expect(parsed.class_name).toBe('Functional');
    expect(parsed.config.layers[1].inbound_nodes).toEqual([[[parsed.config.layers[0].name, 0, 0, {}]]]);
    for (const text of [json, model.toYaml()]) {
      const copy = text.startsWith('{') ? modelFromJson(text) : modelFromYaml(text);
      const w = model.getWeights();
      copy.setWeights(w);
      const input = tf.randomNormal([3, 6]);
      const p1 = model.predict(input) as tf.Tensor;
      const p2 = copy.predict(input) as tf.Tensor;
      expect(Array.from(p2.dataSync())).toEqual(Array.from(p1.dataSync()));
      tf.dispose([...w, input, p1, p2]);
      copy.dispose();
    }
  });

  it('loads Keras 3 functional configs (inbound_nodes with __keras_tensor__ args)', () => {
    const config = {
      module: 'keras', class_name: 'Functional', registered_name: 'Functional',
      config: {
        name: 'functional', trainable: true,
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null, name: 'input_layer', inbound_nodes: [] },
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null }, units: 2, activation: 'hard_sigmoid', use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null }, bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null }, kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null }, registered_name: null, build_config: { input_shape: [null, 3] }, name: 'dense', inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: ['input_layer', 0, 0] } }], kwargs: {} }] },
        ],
        input_layers: [['input_layer', 0, 0]],
        output_layers: [['dense', 0, 0]],
      },
    };
    const model = modelFromJson(JSON.stringify(config));
    const dense = model.getLayer('dense') as Dense;
    const k = tf.tensor2d([[1, 0], [0, 1], [0, 0]]);
    const b = tf.zeros([2]);
    dense.setWeights([k, b]);
    const out = model.predict(tf.tensor2d([[2, -2, 0]])) as tf.Tensor;
    // Keras 3's hard_sigmoid: relu6(x + 3) / 6 → x=2: 5/6, x=-2: 1/6
    const v = out.dataSync();
    expect(v[0]).toBeCloseTo(5 / 6, 6);
    expect(v[1]).toBeCloseTo(1 / 6, 6);
    tf.dispose([k, b, out]);
  });

  it('rejects getConfig on subclassed models with a clear error', () => {
    class MyModel extends Model {
      dense = new Dense(2);
      override call(inputs: tf.Tensor | tf.Tensor[]) {
        return this.dense.apply(inputs as tf.Tensor);
      }
    }
    const m = new MyModel();
    expect(m.name).toBe('my_model');
    expect(() => m.toJson()).toThrow(/subclassed model/);
    const out = m.predict(tf.ones([2, 3])) as tf.Tensor;
    expect(out.shape).toEqual([2, 2]);
    expect(m.trainableWeights).toHaveLength(2);
    out.dispose();
  });

  it('symbolic outputs are KerasTensors with inferred shapes', () => {
    const x = Input({ shape: [4, 5] });
    const y = new Dense(3).apply(x);
    expect(y).toBeInstanceOf(KerasTensor);
    expect(y.shape).toEqual([null, 4, 3]);
  });
});

describe('Sequential', () => {
  it('builds eagerly with an input shape and reports shape errors in add()', () => {
    const model = new Sequential([new Dense(4, { inputShape: [3] })]);
    expect(model.built).toBe(true);
    expect(model.layers).toHaveLength(1);
    const bad = new Dense(2);
    bad.build([null, 7]);
    expect(() => model.add(bad)).toThrow(/expected axis -1 of input shape to have value 7, but received input with shape \(None, 4\)/);
    expect(model.layers).toHaveLength(1);
  });

  it('defers building until the first call when no input shape is given; pop() removes the last layer', () => {
    const model = new Sequential();
    model.add(new Dense(4));
    model.add(new Dense(2));
    expect(model.built).toBe(false);
    const out = model.predict(tf.ones([3, 5])) as tf.Tensor;
    expect(out.shape).toEqual([3, 2]);
    out.dispose();
    expect(model.weights.length).toBe(4);
    model.pop();
    expect(model.layers).toHaveLength(1);
  });

  it('names layers automatically and summarizes like Keras', () => {
    const model = new Sequential([new Dense(64, { inputShape: [32] }), new Dense(10)], { name: 'seq_summary' });
    const lines: string[] = [];
    const text = model.summary({ printFn: (l) => lines.push(l) });
    expect(text).toContain('Model: "seq_summary"');
    expect(text).toMatch(/\(None, 64\)\s+2112/);
    expect(text).toContain('Total params: 2762 (10.79 KB)');
    expect(text).toContain('Trainable params: 2762');
  });

  it('loads Keras ≤2.2 Sequential configs (a bare layer list) and current ones', () => {
    const old = { class_name: 'Sequential', config: [{ class_name: 'Dense', config: { name: 'd1', units: 3, batch_input_shape: [null, 2], activation: 'relu' } }], keras_version: '2.1.2' };
    const m1 = modelFromJson(JSON.stringify(old)) as Sequential;
    expect(m1.layers.map((l) => l.name)).toEqual(['d1']);
    expect(m1.built).toBe(true);
    const m2 = modelFromJson(m1.toJson()) as Sequential;
    expect(m2.layers).toHaveLength(1);
    expect(JSON.parse(m2.toJson()).config.layers[0].class_name).toBe('InputLayer');
  });

  it('refuses Keras 1 configs with a typed error', () => {
    expect(() => modelFromJson(JSON.stringify({ class_name: 'Sequential', config: [], keras_version: '1.2.2' }))).toThrow(/Keras 1 format is not supported/);
  });
});
