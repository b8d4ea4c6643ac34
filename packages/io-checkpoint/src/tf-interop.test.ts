/**
 * Both ways with real TensorFlow (skipped, with the reason printed, when the Python oracle has no TensorFlow):
 * - `tf.train.load_checkpoint` reads every tensor and dtype we write, with equal values;
 * - `tf.train.Checkpoint` restores our object graph (model + optimizer slots) into matching Python objects,
 *   with `assert_consumed()`;
 * - checkpoints TensorFlow writes (model + optimizer with slots, several shards) load here with equal values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { pythonOracle } from '../../../testing/oracle.js';
import { BundleReader } from './bundle-reader.js';
import { writeBundle } from './bundle-writer.js';
import type { RawTensor } from './dtypes.js';
import { Checkpoint, CheckpointManager, listVariables, loadCheckpoint, loadModelCheckpoint, saveModelCheckpoint } from './index.js';
import { batchNorm, dense, FakeAdam, lstm, model, noWeights } from './testing/fake-model.js';
import { EVERY_DTYPE } from './testing/every-dtype.js';

const { oracle, why } = pythonOracle(['tensorflow', 'numpy']);
if (!oracle) console.log(`skipping live TensorFlow checkpoint tests: ${why}`);
const script = readFileSync(new URL('../test-data/tf_interop.py', import.meta.url), 'utf8');
const ATTR = '/.ATTRIBUTES/VARIABLE_VALUE';
const SLOT = '/.OPTIMIZER_SLOT/optimizer/';

const dir = mkdtempSync(join(tmpdir(), 'keras-ts-tf-'));
beforeAll(async () => {
  await tf.ready();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Our exact values as the Python side prints them (numbers as Python reprs parsed back, int64 as strings). */
function asPython(raw: RawTensor): string[] | number[] {
  const v = raw.values;
  if (raw.dtype === 'string') return (v as Uint8Array[]).map((b) => Buffer.from(b).toString('hex'));
  if (raw.dtype === 'int64') return Array.from(v as BigInt64Array, String);
  if (raw.dtype === 'bool') return Array.from(v as Uint8Array, String);
  return Array.from(v as ArrayLike<number>);
}
const pyNumbers = (xs: string[]) => xs.map((x) => (x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : Number(x)));

/** The Python-side name of a checkpoint key: 'layer_with_weights-0/kernel', or '...kernel#m' for a slot. */
function pyName(key: string, strip: string): string {
  const k = key.slice(strip.length).replace(ATTR, '');
  const i = k.indexOf(SLOT);
  return i < 0 ? k : `${k.slice(0, i)}#${k.slice(i + SLOT.length)}`;
}

/** The Python object structure matching a checkpoint we wrote (paths relative to the model / optimizer). */
function specOf(prefix: string, strip: string) {
  const dtypes = loadCheckpoint(prefix).getVariableToDtypeMap();
  const variables: unknown[] = [];
  const slots: unknown[] = [];
  for (const [key, shape] of listVariables(prefix)) {
    if (key === '_CHECKPOINTABLE_OBJECT_GRAPH' || key.startsWith('save_counter')) continue;
    const name = pyName(key, key.startsWith(strip) ? strip : '');
    if (name.includes('#')) slots.push({ path: name.split('#')[0]!.split('/'), slot: name.split('#')[1] });
    else variables.push({ path: name.split('/'), shape, dtype: dtypes[key] });
  }
  return JSON.stringify({ variables, slots, optimizer: 'optimizer' });
}

function trained() {
  const m = model([noWeights('input'), dense('dense', 3, 5), batchNorm('bn', 5), lstm('lstm', 5, 2), dense('dense_1', 2, 2)]);
  const opt = new FakeAdam(0.05);
  opt.build(m.trainableWeights!);
  const grads = m.trainableWeights!.map((v, i) => tf.randomNormal(v.shape, 0, 1, 'float32', 100 + i));
  opt.step(grads);
  opt.step(grads);
  tf.dispose(grads);
  return { m, opt };
}

interface Job {
  cmd: 'read' | 'restore' | 'write' | 'state';
  prefix: string;
  spec?: string;
  mode?: 'root' | 'checkpoint';
  shards?: number;
  maxShardSize?: number;
}
type PyValues = Record<string, string[]>;

/** Our checkpoints and the Python jobs on them, all prepared first: TensorFlow is imported once per file. */
const ours: Record<string, string> = {};
let results: Array<{ ok?: unknown; error?: string }> = [];
const jobIndex = new Map<string, number>();
function result<T>(id: string): T {
  const r = results[jobIndex.get(id)!]!;
  if (r.error) throw new Error(`TensorFlow failed: ${r.error}`);
  return r.ok as T;
}

async function prepare(): Promise<void> {
  const jobs: Array<Job & { id: string }> = [];
  ours.dtypes = join(dir, 'dtypes');
  await writeBundle(ours.dtypes, Object.entries(EVERY_DTYPE).map(([name, value]) => ({ name, value })), { maxShardSize: 64 });
  jobs.push({ id: 'dtypes', cmd: 'read', prefix: ours.dtypes });

  const a = trained();
  ours.root = join(dir, 'ours-root');
  await saveModelCheckpoint(ours.root, a.m, { optimizer: a.opt });
  jobs.push({ id: 'restore-root', cmd: 'restore', prefix: ours.root, spec: specOf(ours.root, ''), mode: 'root' });
  const ckpt = new Checkpoint({ model: a.m, optimizer: a.opt });
  ours.ckpt = await ckpt.save(join(dir, 'ours-ckpt', 'ckpt'));
  await ckpt.save(join(dir, 'ours-ckpt', 'ckpt'));
  jobs.push({ id: 'restore-ckpt', cmd: 'restore', prefix: ours.ckpt, spec: specOf(ours.ckpt, 'model/'), mode: 'checkpoint' });
  for (const mode of ['root', 'checkpoint'] as const) {
    const sharding = mode === 'root' ? { shards: 3 } : { maxShardSize: 300 };
    jobs.push({ id: `write-${mode}`, cmd: 'write', prefix: join(dir, `theirs-${mode}`), spec: mode === 'root' ? specOf(ours.root, '') : specOf(ours.ckpt, 'model/'), mode, ...sharding });
  }
  ours.managed = join(dir, 'managed');
  const manager = new CheckpointManager(new Checkpoint({ model: a.m }), ours.managed, { maxToKeep: 2 });
  for (let i = 0; i < 3; i++) await manager.save();
  jobs.push({ id: 'state', cmd: 'state', prefix: ours.managed });
  a.m.dispose();
  a.opt.dispose();
  const jobFile = join(dir, 'jobs.json');
  writeFileSync(jobFile, JSON.stringify(jobs));
  jobs.forEach((j, i) => jobIndex.set(j.id, i));
  results = JSON.parse(oracle!.run(script, { args: [jobFile], timeoutMs: 170_000 }).trim().split('\n').pop()!);
}

/** Hyperparameters live in the optimizer's config: restored as consumed, written back from the config. */
const CONFIG_HYPERS = /^optimizer\/(beta_1|beta_2|decay)$/;

describe.skipIf(!oracle)('live TensorFlow', () => {
  beforeAll(prepare, 180_000);

  it('tf.train.load_checkpoint reads every dtype we write (3 shards), with equal values', () => {
    expect(BundleReader.open(ours.dtypes!).numShards).toBeGreaterThan(1);
    const py = result<Record<string, { dtype: string; shape: number[]; values: string[] }>>('dtypes');
    expect(Object.keys(py).sort()).toEqual(Object.keys(EVERY_DTYPE).sort());
    for (const [name, raw] of Object.entries(EVERY_DTYPE)) {
      expect(py[name]!.dtype, name).toBe(raw.dtype);
      expect(py[name]!.shape, name).toEqual(raw.shape);
      const mine = asPython(raw);
      if (['string', 'int64', 'bool'].includes(raw.dtype)) expect(py[name]!.values, name).toEqual(mine);
      else expect(pyNumbers(py[name]!.values), name).toEqual(mine);
    }
  });

  it('TensorFlow follows our checkpoint state file (tf.train.latest_checkpoint, get_checkpoint_state)', () => {
    const py = result<{ latest: string; all: string[] }>('state');
    expect(py.latest).toBe(join(ours.managed!, 'ckpt-3'));
    expect(py.all).toEqual([join(ours.managed!, 'ckpt-2'), join(ours.managed!, 'ckpt-3')]);
  });

  for (const [id, label, strip] of [
    ['restore-root', 'our model.save_weights-style checkpoint (weights, iter, hyperparameters, slots)', ''],
    ['restore-ckpt', 'our Checkpoint (model=, optimizer=, save_counter)', 'model/'],
  ] as const) {
    it(`tf.train.Checkpoint restores ${label} into matching Python objects (assert_consumed)`, () => {
      const py = result<PyValues>(id);
      const prefix = id === 'restore-root' ? ours.root! : ours.ckpt!;
      const reader = loadCheckpoint(prefix);
      const keys = Object.keys(reader.getVariableToShapeMap()).filter((k) => k !== '_CHECKPOINTABLE_OBJECT_GRAPH' && !k.startsWith('save_counter'));
      expect(Object.keys(py).filter((k) => k !== 'save_counter').sort()).toEqual(keys.map((k) => pyName(k, k.startsWith(strip) ? strip : '')).sort());
      for (const key of keys) {
        const raw = reader.getRawTensor(key);
        const got = py[pyName(key, key.startsWith(strip) ? strip : '')]!;
        expect(raw.dtype === 'int64' ? got : pyNumbers(got), key).toEqual(asPython(raw));
      }
      expect(py['optimizer/iter']).toEqual(['2']);
      if (id === 'restore-ckpt') expect(py.save_counter).toEqual(['1']);
    });
  }

  for (const mode of ['root', 'checkpoint'] as const) {
    const how = mode === 'root' ? 'model as root, 3 shards' : 'tf.train.Checkpoint, MaxShardSizePolicy: tensors sliced across shards';
    it(`checkpoints TensorFlow writes (${how}) load with equal values`, async () => {
      const py = result<PyValues>(`write-${mode}`);
      const prefix = join(dir, `theirs-${mode}`);
      const bundle = BundleReader.open(prefix);
      if (mode === 'root') expect(bundle.numShards).toBe(3);
      else {
        expect(bundle.numShards).toBeGreaterThan(3);
        expect(bundle.names().some((n) => bundle.info(n).slices)).toBe(true);
      }
      const b = model([noWeights('input'), dense('dense', 3, 5), batchNorm('bn', 5), lstm('lstm', 5, 2), dense('dense_1', 2, 2)]);
      const fresh = new FakeAdam(0.05);
      const back = join(dir, `back-${mode}`);
      if (mode === 'root') {
        const r = await loadModelCheckpoint(prefix, b, { optimizer: fresh });
        expect(r.unrestored).toEqual([]);
        await saveModelCheckpoint(back, b, { optimizer: fresh });
      } else {
        const c = new Checkpoint({ model: b, optimizer: fresh });
        (await c.restore(prefix)).assertConsumed();
        expect(c.saveCounter).toBe(3);
        await c.write(back);
      }
      // Compare everything we restored (written back out) with what Python wrote.
      const reader = loadCheckpoint(back);
      let compared = 0;
      for (const key of Object.keys(reader.getVariableToShapeMap())) {
        if (key === '_CHECKPOINTABLE_OBJECT_GRAPH' || key.startsWith('save_counter')) continue;
        const name = pyName(key, key.startsWith('model/') ? 'model/' : '');
        if (CONFIG_HYPERS.test(name)) continue;
        const raw = reader.getRawTensor(key);
        expect(raw.dtype === 'int64' ? py[name] : pyNumbers(py[name]!), key).toEqual(asPython(raw));
        compared++;
      }
      expect(compared).toBe(Object.keys(py).filter((k) => k !== 'save_counter' && !CONFIG_HYPERS.test(k)).length);
      b.dispose();
      fresh.dispose();
    });
  }
});
