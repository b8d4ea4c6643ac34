import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { fixturesDir } from '../../../../testing/oracle.js';
import { closeHdf5Engine, readHdf5 } from '../h5/engine.js';
import { attr, lookup, type H5Group } from '../h5/tree.js';
import { readKeras3Archive, writeKeras3Archive } from './model-archive.js';
import { containerNames, toSnakeCase } from './weights-layout.js';

const load = (p: string) => new Uint8Array(readFileSync(join(fixturesDir, 'keras-v3', p)));

afterAll(async () => {
  await closeHdf5Engine();
});

describe('Keras 3 naming', () => {
  it('snake-cases class names like keras.src.utils.naming', () => {
    expect(['Dense', 'BatchNormalization', 'ReLU', 'Conv2D', 'LSTM', 'InputLayer', 'QDense', 'MaxPooling2D'].map(toSnakeCase))
      .toEqual(['dense', 'batch_normalization', 're_lu', 'conv2d', 'lstm', 'input_layer', 'q_dense', 'max_pooling2d']);
    expect(containerNames(['Dense', 'ReLU', 'Dense', 'ReLU', 'Dense'])).toEqual(['dense', 're_lu', 'dense_1', 're_lu_1', 'dense_2']);
  });
});

describe('.keras fixtures', () => {
  it('reads diabetes.keras: config, metadata, layer and optimizer variables', async () => {
    const a = await readKeras3Archive(load('gurobi/diabetes.keras'), { source: 'diabetes.keras' });
    expect(a.metadata.keras_version).toBe('3.1.1');
    expect(a.config.class_name).toBe('Sequential');
    expect([...a.vars.keys()].sort()).toEqual(['', 'layers/dense', 'layers/dense_1', 'layers/dense_2', 'optimizer']);
    const dense = a.vars.get('layers/dense')!;
    expect(dense.vars.map((v) => v.shape)).toEqual([[10, 20], [20]]);
    const opt = a.vars.get('optimizer')!.vars;
    expect(opt.length).toBe(14);
    expect(opt[0]!.dtype).toBe('int64');
    expect(opt[0]!.shape).toEqual([]);
  });

  it('reads every .keras fixture', async () => {
    for (const [file, layers] of [['gurobi/diabetes_v2.keras', 5], ['hls4ml/qkeras-v3_3layer.keras', 8], ['mnist-softmax/mnist_model.keras', 4], ['mnist-cnn/mnist_model.keras', 11]] as const) {
      const a = await readKeras3Archive(load(file), { source: file });
      expect([...a.vars.keys()].filter((k) => k.startsWith('layers/')).length, file).toBe(layers);
    }
  });
});

describe('writeKeras3Archive', () => {
  it('writes the Keras 3 layout: stored zip entries, metadata, name attributes, root vars', async () => {
    const src = await readKeras3Archive(load('gurobi/diabetes.keras'));
    const date = new Date(2026, 0, 2, 3, 4, 5);
    const bytes = await writeKeras3Archive({ config: src.config, vars: [...src.vars.values()].map((e) => ({ ...e, name: e.path || 'sequential' })), date });
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(JSON.parse(new TextDecoder().decode(entries['metadata.json']))).toEqual({ keras_version: '3.15.1', date_saved: '2026-01-02@03:04:05' });
    const root = await readHdf5(entries['model.weights.h5']!);
    expect(attr(lookup(root, 'layers/dense/vars') as H5Group, 'name')!.value).toEqual(['layers/dense']);
    expect(lookup(root, 'vars')!.type).toBe('group');
    const back = await readKeras3Archive(bytes);
    expect(back.config).toEqual(src.config);
    for (const [k, e] of src.vars) {
      expect(back.vars.get(k)!.vars.map((v) => [v.shape, v.dtype])).toEqual(e.vars.map((v) => [v.shape, v.dtype]));
      back.vars.get(k)!.vars.forEach((v, i) => expect(v.data).toEqual(e.vars[i]!.data));
    }
  });
});
