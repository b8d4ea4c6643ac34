/**
 * Both ways with real Keras 3 (skipped, with the reason, when the Python oracle is absent): files keras-ts
 * writes (.h5 and .keras: Sequential, functional with a shared layer, a CNN with BatchNormalization, an LSTM)
 * load in Keras and predict the same within 1e-5; files Keras writes for the same kinds of models, made here
 * by the test, load in keras-ts and predict the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { BatchNormalization, Concatenate, Conv2D, Dense, Flatten, Input, LSTM } from '@keras-ts/layers';
import { Model, Sequential, loadModel } from '@keras-ts/models';
import { pythonOracle } from '../../../../testing/oracle.js';
import { closeHdf5Engine } from '../h5/engine.js';
import '../index.js';

const { oracle, why } = pythonOracle(['keras', 'h5py']);
const dir = mkdtempSync(join(tmpdir(), 'io-hdf5-interop-'));
const quiet = { warn: () => undefined };

/** Runs Python without blocking the event loop (a blocking call stalls vitest's worker RPC for minutes). */
async function runPython(code: string, arg: string): Promise<string> {
  const { stdout } = await promisify(execFile)(oracle!.python, ['-c', code, arg], {
    env: { ...process.env, KERAS_BACKEND: 'jax', TF_CPP_MIN_LOG_LEVEL: '3' },
    timeout: 300_000,
    maxBuffer: 1 << 26,
  });
  return stdout.trim().split('\n').pop()!;
}

interface Case {
  name: string;
  build: () => Model;
  inputs: number[][];
  /** Python building the same kind of model as `m`. */
  python: string;
}

const cases: Case[] = [
  {
    name: 'sequential',
    build: () => new Sequential([new Dense(6, { activation: 'relu', inputShape: [4] }), new Dense(3, { activation: 'softmax' })]),
    inputs: [[5, 4]],
    python: "m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation='relu'), keras.layers.Dense(3, activation='softmax')])",
  },
  {
    name: 'functional_shared',
    build: () => {
      const a = Input({ shape: [4], name: 'a' });
      const b = Input({ shape: [4], name: 'b' });
      const shared = new Dense(5, { activation: 'tanh', name: 'shared' });
      const y = new Dense(2, { name: 'head' }).apply(new Concatenate().apply([shared.apply(a), shared.apply(b)]));
      return new Model({ inputs: [a, b], outputs: y });
    },
    inputs: [[3, 4], [3, 4]],
    python:
      "a = keras.Input((4,), name='a'); b = keras.Input((4,), name='b'); s = keras.layers.Dense(5, activation='tanh', name='shared')\n" +
      "m = keras.Model([a, b], keras.layers.Dense(2, name='head')(keras.layers.Concatenate()([s(a), s(b)])))",
  },
  {
    name: 'cnn_bn',
    build: () => new Sequential([new Conv2D(3, 3, { inputShape: [8, 8, 2], activation: 'relu' }), new BatchNormalization(), new Flatten(), new Dense(2)]),
    inputs: [[2, 8, 8, 2]],
    python:
      "m = keras.Sequential([keras.Input((8, 8, 2)), keras.layers.Conv2D(3, 3, activation='relu'), keras.layers.BatchNormalization(), keras.layers.Flatten(), keras.layers.Dense(2)])\n" +
      "bn = m.layers[1]; bn.moving_mean.assign(np.random.uniform(-0.5, 0.5, 3)); bn.moving_variance.assign(np.random.uniform(0.5, 2, 3)); bn.gamma.assign(np.random.uniform(0.5, 2, 3)); bn.beta.assign(np.random.uniform(-1, 1, 3))",
  },
  {
    name: 'lstm',
    build: () => new Sequential([new LSTM(4, { inputShape: [5, 3] }), new Dense(1)]),
    inputs: [[2, 5, 3]],
    python: 'm = keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4), keras.layers.Dense(1)])',
  },
];

function inputsFor(c: Case): { arrays: number[][]; tensors: tf.Tensor[] } {
  let s = 7;
  const arrays = c.inputs.map((shape) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1));
  return { arrays, tensors: arrays.map((a, i) => tf.tensor(a, c.inputs[i])) };
}

function flat(y: tf.Tensor | tf.Tensor[]): number[] {
  return (Array.isArray(y) ? y : [y]).flatMap((t) => Array.from(t.dataSync()));
}

function maxDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
}

const PY_PREDICT = `
import json, sys, traceback, numpy as np, keras
spec = json.load(open(sys.argv[1]))
out = {}
for path, inputs, shapes in zip(spec['paths'], spec['inputs'], spec['shapes']):
    try:
        m = keras.saving.load_model(path, compile=False)
        xs = [np.asarray(a, dtype='float32').reshape(s) for a, s in zip(inputs, shapes)]
        y = m(xs if len(xs) > 1 else xs[0], training=False)
        out[path] = np.concatenate([np.asarray(t).ravel() for t in (y if isinstance(y, list) else [y])]).tolist()
    except Exception as e:
        out[path] = f'{type(e).__name__}: {e}'[:600]
print(json.dumps(out))
`;

const PY_BUILD = `
import json, sys, numpy as np, keras
out = {}
for case in json.load(open(sys.argv[1])):
    np.random.seed(3); keras.utils.set_random_seed(3)
    scope = {'keras': keras, 'np': np}
    exec(case['code'], scope)
    m = scope['m']
    m.compile(optimizer='adam', loss='mse')
    xs = [np.asarray(a, dtype='float32').reshape(s) for a, s in zip(case['inputs'], case['shapes'])]
    y = m(xs if len(xs) > 1 else xs[0], training=False)
    m.save(case['prefix'] + '.keras'); m.save(case['prefix'] + '.h5')
    out[case['name']] = np.concatenate([np.asarray(t).ravel() for t in (y if isinstance(y, list) else [y])]).tolist()
print(json.dumps(out))
`;

beforeAll(async () => {
  await tf.ready();
});
afterAll(async () => {
  await closeHdf5Engine();
});

describe.skipIf(!oracle)(`real Keras 3 interop${oracle ? '' : ` (skipped: ${why})`}`, () => {
  it('files keras-ts writes (.h5 and .keras) load in Keras and predict the same', async () => {
    const spec: { paths: string[]; inputs: number[][][]; shapes: number[][][] } = { paths: [], inputs: [], shapes: [] };
    const ours = new Map<string, number[]>();
    for (const c of cases) {
      const model = c.build();
      const { arrays, tensors } = inputsFor(c);
      const y = flat(model.predict(tensors.length === 1 ? tensors[0]! : tensors));
      for (const ext of ['h5', 'keras']) {
        const p = join(dir, `ts_${c.name}.${ext}`);
        await model.save(p);
        spec.paths.push(p);
        spec.inputs.push(arrays);
        spec.shapes.push(c.inputs);
        ours.set(p, y);
      }
      tf.dispose(tensors);
      model.dispose();
    }
    const specPath = join(dir, 'ts-spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const theirs = JSON.parse(await runPython(PY_PREDICT, specPath)) as Record<string, number[] | string>;
    for (const p of spec.paths) {
      expect(typeof theirs[p] === 'string' ? theirs[p] : 'loaded', p).toBe('loaded');
      expect(maxDiff(theirs[p] as number[], ours.get(p)!), p).toBeLessThanOrEqual(1e-5);
    }
  }, 400_000);

  it('files Keras writes (.keras and .h5) load in keras-ts and predict the same', async () => {
    const spec = cases.map((c) => ({ name: c.name, prefix: join(dir, `py_${c.name}`), inputs: inputsFor(c).arrays, shapes: c.inputs, code: c.python }));
    const specPath = join(dir, 'py-spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const expected = JSON.parse(await runPython(PY_BUILD, specPath)) as Record<string, number[]>;
    for (const c of cases) {
      const { tensors } = inputsFor(c);
      const prefix = join(dir, `py_${c.name}`);
      for (const p of [`${prefix}.keras`, `${prefix}.h5`]) {
        const model = await loadModel(p, quiet);
        expect(maxDiff(flat(model.predict(tensors.length === 1 ? tensors[0]! : tensors)), expected[c.name]!), p).toBeLessThanOrEqual(1e-5);
        model.dispose();
      }
      tf.dispose(tensors);
      expect(readFileSync(`${prefix}.keras`).length).toBeGreaterThan(0);
    }
  }, 400_000);
});
