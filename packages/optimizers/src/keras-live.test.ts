/**
 * Live cross-check against the Python oracle (real Keras 3, JAX backend), when it is installed: longer runs
 * (12 steps, bigger variables, fresh random numbers made by Python) than the committed reference.json.
 * Skips, saying why, when the oracle venv is absent.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { deserialize } from './index.js';

interface Oracle {
  python: string;
}
// The repo's test helper lives outside this package's rootDir; load it at run time.
const oraclePath = new URL('../../../testing/oracle.ts', import.meta.url).pathname;
const { oracle, why } = ((await import(/* @vite-ignore */ oraclePath)) as { pythonOracle(m: string[]): { oracle: Oracle | null; why: string } }).pythonOracle(['keras', 'jax']);

const CASES: Array<[string, Record<string, unknown>]> = [
  ['Adam', { learning_rate: 0.003, amsgrad: true, weight_decay: 0.01 }],
  ['Nadam', { learning_rate: 0.002, clipnorm: 0.5 }],
  ['RMSprop', { learning_rate: 0.001, momentum: 0.9, centered: true }],
  ['SGD', { learning_rate: { module: 'keras.optimizers.schedules', class_name: 'CosineDecay', config: { initial_learning_rate: 0.001, decay_steps: 20, warmup_target: 0.05, warmup_steps: 5, alpha: 0.1 } }, momentum: 0.9, nesterov: true }],
  ['Adadelta', { learning_rate: 0.9, global_clipnorm: 2.0 }],
  ['Adamax', { learning_rate: 0.01, clipvalue: 0.1 }],
  ['Adagrad', { learning_rate: 0.05 }],
  ['Ftrl', { learning_rate: 0.05, l1_regularization_strength: 0.001, l2_regularization_strength: 0.01, beta: 0.1 }],
];

const SCRIPT = `
import json, sys, numpy as np, keras
cases = json.loads(sys.argv[1])
rng = np.random.default_rng(7)
shapes = [(16, 8), (8,), (8, 4)]
init = [rng.normal(size=s).astype('float32') for s in shapes]
grads = [[(rng.normal(size=s) * rng.uniform(0.1, 3)).astype('float32') for s in shapes] for _ in range(12)]
out = {'shapes': [list(s) for s in shapes], 'init': [a.ravel().tolist() for a in init],
       'grads': [[g.ravel().tolist() for g in step] for step in grads], 'final': []}
for class_name, config in cases:
    opt = keras.optimizers.deserialize({'class_name': class_name, 'config': dict(config)})
    vs = [keras.Variable(a) for a in init]
    for step in grads:
        opt.apply_gradients(list(zip(step, vs)))
    out['final'].append([np.asarray(v.numpy()).astype('float64').ravel().tolist() for v in vs])
print(json.dumps(out))
`;

beforeAll(async () => {
  await tf.ready();
});

describe('live cross-check against Keras 3', () => {
  it.skipIf(!oracle)(`12 steps of 8 optimizer configurations${oracle ? '' : ` (skipped: ${why})`}`, async () => {
    // Asynchronously, so that the test worker stays responsive while Python runs.
    const { stdout } = await promisify(execFile)(oracle!.python, ['-c', SCRIPT, JSON.stringify(CASES)], {
      env: { ...process.env, KERAS_BACKEND: 'jax', TF_CPP_MIN_LOG_LEVEL: '3' },
      timeout: 110_000,
      maxBuffer: 1 << 26,
    });
    const out = JSON.parse(stdout) as {
      shapes: number[][];
      init: number[][];
      grads: number[][][];
      final: number[][][];
    };
    const start = tf.memory().numTensors;
    CASES.forEach(([className, config], c) => {
      const vars = out.shapes.map((s, i) => {
        const t = tf.tensor(out.init[i]!, s);
        const v = tf.makeVariable(t, { path: `live/v${i}` });
        t.dispose();
        return v;
      });
      const opt = deserialize({ class_name: className, config });
      for (const step of out.grads) {
        const g = step.map((values, i) => tf.tensor(values, out.shapes[i]!));
        opt.applyGradients(g.map((t, i) => [t, vars[i]!]));
        tf.dispose(g);
      }
      vars.forEach((v, i) => {
        const got = v.dataSync();
        const want = out.final[c]![i]!;
        for (let j = 0; j < want.length; j++) {
          const ok = Math.abs(got[j]! - want[j]!) <= 1e-6 + 1e-5 * Math.abs(want[j]!);
          if (!ok) expect.fail(`${className} ${JSON.stringify(config)} v${i}[${j}]: got ${got[j]}, Keras ${want[j]}`);
        }
      });
      opt.dispose();
      vars.forEach((v) => tf.disposeVariable(v));
    });
    expect(tf.memory().numTensors).toBe(start);
  }, 120_000);
  if (!oracle) it('reports why the live cross-check was skipped', () => console.log(`keras-live.test: skipped: ${why}`));
});
