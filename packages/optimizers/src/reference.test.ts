/**
 * Every optimizer against trajectories computed by real Keras 3 (JAX backend): see
 * test-data/make_reference.py, which wrote test-data/reference.json. Same initial variables, same gradient
 * sequence; the variables after every step and the full optimizer state after the last step must agree to
 * 1e-6 relative (plus 1e-7 absolute, for values that are zero up to rounding).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { deserialize, schedules, type Optimizer } from './index.js';

interface Case {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  missing_grads: boolean;
  trajectory: Array<{ kernel: number[]; bias: number[] }>;
  state: Array<{ path: string; shape: number[]; dtype: string; value: number[] }>;
  /** With use_ema: the variables after `finalize_variable_values`. */
  finalized: { kernel: number[]; bias: number[] } | null;
}
interface Reference {
  keras_version: string;
  steps: number;
  init: Record<'kernel' | 'bias', { shape: number[]; value: number[] }>;
  grads: Array<Record<'kernel' | 'bias', number[]>>;
  missing: Record<string, 'kernel' | 'bias'>;
  cases: Case[];
  schedules: Record<string, { serialized: { class_name: string; config: Record<string, unknown> }; values: number[] }>;
}

const ref = JSON.parse(readFileSync(new URL('../test-data/reference.json', import.meta.url), 'utf8')) as Reference;
const RTOL = Number(process.env.OPT_RTOL ?? 1e-6);
const ATOL = Number(process.env.OPT_ATOL ?? 1e-7);

export function expectClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Math.abs(a - e) <= ATOL + RTOL * Math.abs(e);
    if (!ok) expect.fail(`${what}[${i}]: got ${a}, Keras ${e} (diff ${Math.abs(a - e)}, rel ${Math.abs(a - e) / Math.abs(e)})`);
  }
}

function makeOptimizer(c: Case): Optimizer {
  const config: Record<string, unknown> = { ...c.config };
  if (typeof config.learning_rate === 'string') config.learning_rate = ref.schedules[config.learning_rate]!.serialized;
  return deserialize({ class_name: c.class_name, config });
}

function makeVars(): Record<'kernel' | 'bias', tf.Variable> {
  const out = {} as Record<'kernel' | 'bias', tf.Variable>;
  for (const key of ['kernel', 'bias'] as const) {
    const init = tf.tensor(ref.init[key].value, ref.init[key].shape, 'float32');
    out[key] = tf.makeVariable(init, { path: key });
    init.dispose();
  }
  return out;
}

function gradsAt(step: number, c: Case, vars: Record<'kernel' | 'bias', tf.Variable>): Array<[tf.Tensor | null, tf.Variable]> {
  return (['kernel', 'bias'] as const).map((key) => {
    if (c.missing_grads && ref.missing[String(step)] === key) return [null, vars[key]];
    return [tf.tensor(ref.grads[step]![key], ref.init[key].shape, 'float32'), vars[key]];
  });
}

beforeAll(async () => {
  await tf.ready();
});

describe(`optimizers match Keras ${ref.keras_version} step by step`, () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const start = tf.memory().numTensors;
      const vars = makeVars();
      const opt = makeOptimizer(c);
      const warn = console.warn;
      console.warn = () => {};
      try {
        for (let step = 0; step < ref.steps; step++) {
          const pairs = gradsAt(step, c, vars);
          opt.applyGradients(pairs);
          tf.dispose(pairs.map(([g]) => g).filter((g): g is tf.Tensor => g !== null));
          for (const key of ['kernel', 'bias'] as const) {
            expectClose(vars[key].dataSync(), c.trajectory[step]![key], `${c.name} step ${step} ${key}`);
          }
        }
      } finally {
        console.warn = warn;
      }
      // The full state, in Keras 3 order, with Keras 3 names.
      const state = opt.variables;
      // (Nadam's momentum cache is Keras's unnamed `variable`, numbered per process: `variable_1`, ...)
      const leaf = (path: string) => path.split('/').pop()!.replace(/^variable_\d+$/, 'variable');
      expect(state.map((v) => leaf(tf.variableInfo(v).path))).toEqual(c.state.map((s) => leaf(s.path)));
      state.forEach((v, i) => {
        expect(v.shape).toEqual(c.state[i]!.shape);
        expect(v.dtype).toBe(c.state[i]!.dtype);
        expectClose(v.dataSync(), c.state[i]!.value, `${c.name} state ${c.state[i]!.path}`);
      });
      if (c.finalized) {
        opt.finalizeVariableValues([vars.kernel, vars.bias]);
        for (const key of ['kernel', 'bias'] as const) expectClose(vars[key].dataSync(), c.finalized[key], `${c.name} finalized ${key}`);
      }
      opt.dispose();
      Object.values(vars).forEach((v) => tf.disposeVariable(v));
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});

describe('schedules match Keras', () => {
  for (const [name, s] of Object.entries(ref.schedules)) {
    it(name, () => {
      const start = tf.memory().numTensors;
      const schedule = schedules.deserialize(s.serialized);
      const values = s.values.map((_, step) => schedule.valueAt(step));
      expectClose(values, s.values, name);
      // With an int32 step tensor, as the optimizer passes its iterations.
      const step = tf.scalar(7, 'int32');
      const lr = schedule.call(step);
      expectClose(lr.dataSync(), [s.values[7]!], `${name} at int32 step 7`);
      tf.dispose([step, lr]);
      expect(schedule.getConfig()).toEqual(s.serialized.config);
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
