/** Model-level checkpoints with tf.keras 2 naming, the object graph, Checkpoint, CheckpointManager, the weights format. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ShapeError, type Variable } from '@keras-ts/tensor';
import { fixturesDir } from '../../../testing/oracle.js';
import {
  Checkpoint,
  CheckpointManager,
  latestCheckpoint,
  listVariables,
  loadCheckpoint,
  loadModelCheckpoint,
  saveModelCheckpoint,
  tfCheckpointWeightsFormat,
} from './index.js';
import { decodeObjectGraph } from './protos.js';
import { independentParse } from './testing/independent-table.js';
import { batchNorm, dense, embedding, FakeAdam, lstm, model, noWeights } from './testing/fake-model.js';

const dir = mkdtempSync(join(tmpdir(), 'keras-ts-ckpt-'));
let start = 0;
beforeAll(async () => {
  await tf.ready();
  start = tf.memory().numTensors;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(tf.memory().numTensors).toBe(start);
});

const values = (vs: Variable[]) => vs.map((v) => Array.from(v.dataSync()));
const ATTR = '/.ATTRIBUTES/VARIABLE_VALUE';

function build() {
  const m = model([noWeights('input'), dense('dense', 3, 4), batchNorm('bn', 4), lstm('lstm', 4, 2), noWeights('flatten'), dense('dense_1', 2, 1)]);
  const opt = new FakeAdam();
  opt.build(m.trainableWeights!);
  return { m, opt };
}
const dispose = (...xs: Array<{ dispose(): void }>) => xs.forEach((x) => x.dispose());

describe('saveModelCheckpoint / loadModelCheckpoint', () => {
  it('writes tf.keras 2 keys: layer_with_weights-<j>, cell/, optimizer/iter (int64), hyperparameters, slots', async () => {
    const { m, opt } = build();
    const prefix = join(dir, 'names');
    await saveModelCheckpoint(prefix, m, { optimizer: opt });
    const dtypes = loadCheckpoint(prefix).getVariableToDtypeMap();
    const weightKeys = [
      'layer_with_weights-0/kernel', 'layer_with_weights-0/bias',
      'layer_with_weights-1/gamma', 'layer_with_weights-1/beta', 'layer_with_weights-1/moving_mean', 'layer_with_weights-1/moving_variance',
      'layer_with_weights-2/cell/kernel', 'layer_with_weights-2/cell/recurrent_kernel', 'layer_with_weights-2/cell/bias',
      'layer_with_weights-3/kernel', 'layer_with_weights-3/bias',
    ];
    const trainable = weightKeys.filter((k) => !k.includes('moving_'));
    const expected = [
      '_CHECKPOINTABLE_OBJECT_GRAPH',
      ...weightKeys.map((k) => k + ATTR),
      ...trainable.flatMap((k) => [`${k}/.OPTIMIZER_SLOT/optimizer/m${ATTR}`, `${k}/.OPTIMIZER_SLOT/optimizer/v${ATTR}`]),
      ...['iter', 'beta_1', 'beta_2', 'decay', 'learning_rate'].map((k) => `optimizer/${k}${ATTR}`),
    ].sort();
    expect(Object.keys(dtypes)).toEqual(expected);
    expect(dtypes[`optimizer/iter${ATTR}`]).toBe('int64');
    expect(dtypes[`optimizer/learning_rate${ATTR}`]).toBe('float32');
    expect(Array.from(loadCheckpoint(prefix).getRawTensor(`optimizer/beta_1${ATTR}`).values as Float32Array)).toEqual([Math.fround(0.9)]);
    // tf.keras 2 also writes the `checkpoint` state file beside it.
    expect(readFileSync(join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "names"\nall_model_checkpoint_paths: "names"\n');
    expect(latestCheckpoint(dir)).toBe(prefix);
    independentParse(readFileSync(`${prefix}.index`));
    dispose(m, opt);
  });

  it('the object graph decodes and references every saved variable exactly once, slots through the optimizer', async () => {
    const { m, opt } = build();
    const prefix = join(dir, 'graph');
    await saveModelCheckpoint(prefix, m, { optimizer: opt });
    const reader = loadCheckpoint(prefix);
    const graph = decodeObjectGraph((reader.getRawTensor('_CHECKPOINTABLE_OBJECT_GRAPH').values as Uint8Array[])[0]!);
    const keys = graph.nodes.flatMap((n) => n.attributes.map((a) => a.checkpoint_key));
    expect(keys.sort()).toEqual(Object.keys(reader.getVariableToShapeMap()).filter((k) => k !== '_CHECKPOINTABLE_OBJECT_GRAPH').sort());
    const root = graph.nodes[0]!;
    expect(root.children.map((c) => c.local_name)).toEqual(['layer_with_weights-0', 'layer_with_weights-1', 'layer_with_weights-2', 'layer_with_weights-3', 'optimizer']);
    const optNode = graph.nodes[root.children.find((c) => c.local_name === 'optimizer')!.node_id]!;
    expect(optNode.children.map((c) => c.local_name)).toEqual(['iter', 'beta_1', 'beta_2', 'decay', 'learning_rate']);
    expect(optNode.slot_variables).toHaveLength(2 * m.trainableWeights!.length);
    for (const s of optNode.slot_variables) {
      const original = graph.nodes[s.original_variable_node_id]!.attributes[0]!.checkpoint_key;
      const slot = graph.nodes[s.slot_variable_node_id]!.attributes[0]!.checkpoint_key;
      expect(slot).toBe(original.replace(ATTR, `/.OPTIMIZER_SLOT/optimizer/${s.slot_name}${ATTR}`));
    }
    const kernelNode = graph.nodes[graph.nodes[root.children[0]!.node_id]!.children[0]!.node_id]!;
    expect(kernelNode.attributes).toEqual([{ name: 'VARIABLE_VALUE', full_name: 'dense/kernel', checkpoint_key: `layer_with_weights-0/kernel${ATTR}` }]);
    dispose(m, opt);
  });

  it('restores weights, iterations and slots into fresh objects: identical values and an identical next step', async () => {
    const a = build();
    const grads = () => a.m.trainableWeights!.map((v, i) => tf.fill(v.shape, 0.01 * (i + 1)));
    let g = grads();
    a.opt.step(g);
    a.opt.step(g);
    tf.dispose(g);
    const prefix = join(dir, 'restore');
    await saveModelCheckpoint(prefix, a.m, { optimizer: a.opt });

    const b = build();
    const fresh = new FakeAdam();
    const result = await loadModelCheckpoint(prefix, b.m, { optimizer: fresh });
    expect(result.unrestored).toEqual([]);
    expect(fresh.built).toBe(true); // built from the model's trainable weights to receive the slots
    expect(values(b.m.layers.flatMap((l) => l.weights))).toEqual(values(a.m.layers.flatMap((l) => l.weights)));
    expect(values(fresh.slots().map((s) => s.slot))).toEqual(values(a.opt.slots().map((s) => s.slot)));
    expect(fresh.iterations.dataSync()[0]).toBe(2);
    g = grads();
    a.opt.step(g);
    fresh.step(g);
    tf.dispose(g);
    expect(values(b.m.trainableWeights!)).toEqual(values(a.m.trainableWeights!));
    dispose(a.m, a.opt, b.m, b.opt, fresh);
  });

  it('a mismatched model fails with a typed error and changes nothing', async () => {
    const { m, opt } = build();
    const prefix = join(dir, 'mismatch');
    await saveModelCheckpoint(prefix, m);
    const wrong = model([dense('dense', 3, 4), batchNorm('bn', 4), lstm('lstm', 4, 2), dense('dense_1', 2, 5)]);
    const before = values(wrong.layers.flatMap((l) => l.weights));
    await expect(loadModelCheckpoint(prefix, wrong)).rejects.toThrow(ShapeError);
    await expect(loadModelCheckpoint(prefix, wrong)).rejects.toThrow(
      /layer "dense_1", weight "kernel": received a tensor of shape \[2, 1\] .* but the variable has shape \[2, 5\]/,
    );
    expect(values(wrong.layers.flatMap((l) => l.weights))).toEqual(before);
    const bigger = model([dense('d', 3, 4), batchNorm('bn', 4), lstm('lstm', 4, 2), dense('d1', 2, 1), dense('extra', 1, 1)]);
    await expect(loadModelCheckpoint(prefix, bigger)).rejects.toThrow(NotFoundError);
    await expect(loadModelCheckpoint(prefix, bigger)).rejects.toThrow(/no "layer_with_weights-4" for layer "extra"/);
    const noOpt = new FakeAdam();
    const r = await loadModelCheckpoint(prefix, m, { optimizer: noOpt });
    expect(r.unrestored).toEqual(['optimizer (the checkpoint has no optimizer state)']);
    dispose(m, opt, wrong, bigger, noOpt);
  });
});

describe('checkpoints written by tf.keras 2 (fixtures)', () => {
  const ROOT = join(fixturesDir, 'tf-checkpoint');
  it.skipIf(!existsSync(ROOT))('loads the gurobi Keras SavedModel variables into a matching model and Adam', async () => {
    const m = model([dense('dense', 10, 20), dense('dense_1', 20, 20), dense('dense_2', 20, 1)]);
    const opt = new FakeAdam();
    const prefix = join(ROOT, 'gurobi/diabetes_keras/variables/variables');
    const r = await loadModelCheckpoint(prefix, m, { optimizer: opt });
    expect(r.unrestored).toEqual([]);
    expect(opt.iterations.dataSync()[0]).toBe(3600);
    const ref = JSON.parse(readFileSync(new URL('../test-data/fixtures-reference.json', import.meta.url), 'utf8'))['gurobi/diabetes_keras/variables/variables'];
    expect(Array.from(m.layers[0]!.weights[0]!.dataSync().slice(0, 4))).toEqual(ref[`layer_with_weights-0/kernel${ATTR}`].head);
    const m1 = opt.slots().find((s) => s.variable === m.layers[2]!.weights[1] && s.slotName === 'm')!.slot;
    expect(Array.from(m1.dataSync())).toEqual(ref[`layer_with_weights-2/bias/.OPTIMIZER_SLOT/optimizer/m${ATTR}`].head);
    dispose(m, opt);
  });

  it.skipIf(!existsSync(ROOT))('loads ModelCheckpoint weights of Embedding + LSTM (cell) + Dense', async () => {
    const m = model([embedding('embedding', 4, 8), lstm('lstm', 8, 64), dense('dense', 64, 4)]);
    await tfCheckpointWeightsFormat.loadWeights(m, join(ROOT, 'lstm-predict-md'));
    const r = await loadModelCheckpoint(join(ROOT, 'lstm-predict-md', 'ckpt_20'), m);
    expect(r.restored).toContain(`layer_with_weights-1/cell/recurrent_kernel${ATTR}`);
    await expect(tfCheckpointWeightsFormat.loadWeights(m, join(ROOT, 'lstm-predict-md'), { byName: true })).rejects.toThrow(/based on topology/);
    expect(Array.from(m.layers[0]!.weights[0]!.dataSync().slice(0, 3))).toEqual([0.2663535, 0.32547504, -0.22541073].map(Math.fround));
    dispose(m);
  });
});

describe('Checkpoint and CheckpointManager', () => {
  it('Checkpoint.save numbers files, writes model/ optimizer/ save_counter keys and the state file; restore reads them back', async () => {
    const { m, opt } = build();
    const step = makeStep();
    const ckpt = new Checkpoint({ model: m, optimizer: opt, step });
    const sub = join(dir, 'train');
    expect(await ckpt.save(join(sub, 'ckpt'))).toBe(join(sub, 'ckpt-1'));
    expect(await ckpt.save(join(sub, 'ckpt'))).toBe(join(sub, 'ckpt-2'));
    expect(latestCheckpoint(sub)).toBe(join(sub, 'ckpt-2'));
    const names = listVariables(join(sub, 'ckpt-2')).map(([n]) => n);
    expect(names).toContain(`model/layer_with_weights-0/kernel${ATTR}`);
    expect(names).toContain(`model/layer_with_weights-0/kernel/.OPTIMIZER_SLOT/optimizer/m${ATTR}`);
    expect(names).toContain(`optimizer/iter${ATTR}`);
    expect(names).toContain(`step${ATTR}`);
    expect(loadCheckpoint(sub).getRawTensor(`save_counter${ATTR}`)).toEqual({ dtype: 'int64', shape: [], values: BigInt64Array.of(2n) });

    const b = build();
    const step2 = makeStep(0);
    const other = new Checkpoint({ model: b.m, optimizer: b.opt, step: step2 });
    const status = await other.restore(sub);
    status.assertConsumed();
    expect(other.saveCounter).toBe(2);
    expect(step2.dataSync()[0]).toBe(7);
    expect(values(b.m.layers.flatMap((l) => l.weights))).toEqual(values(m.layers.flatMap((l) => l.weights)));
    // loadModelCheckpoint (model.loadWeights) also reads a tf.train.Checkpoint file: the model under `model/`.
    const c = build();
    const fresh = new FakeAdam();
    expect((await loadModelCheckpoint(join(sub, 'ckpt-2'), c.m, { optimizer: fresh })).unrestored).toEqual([]);
    expect(values(c.m.layers.flatMap((l) => l.weights))).toEqual(values(m.layers.flatMap((l) => l.weights)));
    expect(values(fresh.slots().map((s) => s.slot))).toEqual(values(opt.slots().map((s) => s.slot)));
    dispose(c.m, c.opt, fresh);
    const partial = await new Checkpoint({ model: b.m }).restore(join(sub, 'ckpt-1'));
    expect(partial.unused).toContain(`optimizer/iter${ATTR}`);
    expect(() => partial.assertConsumed()).toThrow(/not fully consumed/);
    dispose(m, opt, b.m, b.opt, { dispose: () => tf.dispose([step, step2]) });
  });

  it('CheckpointManager keeps maxToKeep checkpoints and recovers its list from the state file', async () => {
    const { m, opt } = build();
    const ckpt = new Checkpoint({ model: m, optimizer: opt });
    const mdir = join(dir, 'managed');
    const manager = new CheckpointManager(ckpt, mdir, { maxToKeep: 2 });
    for (let i = 0; i < 3; i++) await manager.save();
    expect(manager.checkpoints).toEqual([join(mdir, 'ckpt-2'), join(mdir, 'ckpt-3')]);
    expect(manager.latestCheckpoint).toBe(join(mdir, 'ckpt-3'));
    expect(readdirSync(mdir).sort()).toEqual(['checkpoint', 'ckpt-2.data-00000-of-00001', 'ckpt-2.index', 'ckpt-3.data-00000-of-00001', 'ckpt-3.index']);
    expect(readFileSync(join(mdir, 'checkpoint'), 'utf8')).toBe(
      'model_checkpoint_path: "ckpt-3"\nall_model_checkpoint_paths: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-3"\n',
    );
    const again = new CheckpointManager(ckpt, mdir, { maxToKeep: 2 });
    expect(again.checkpoints).toEqual(manager.checkpoints);
    expect(await again.save({ checkpointNumber: 10 })).toBe(join(mdir, 'ckpt-10'));
    expect(again.checkpoints).toEqual([join(mdir, 'ckpt-3'), join(mdir, 'ckpt-10')]);
    expect(latestCheckpoint(mdir)).toBe(join(mdir, 'ckpt-10'));
    dispose(m, opt);
  });

  it('tfCheckpointWeightsFormat: claims suffix-less paths, detects checkpoints, round-trips weights', async () => {
    expect(tfCheckpointWeightsFormat.canSave('./my_model')).toBe(true);
    expect(tfCheckpointWeightsFormat.canSave('a.weights.h5')).toBe(false);
    expect(tfCheckpointWeightsFormat.canSave('a.h5')).toBe(false);
    expect(tfCheckpointWeightsFormat.canSave('a.keras')).toBe(false);
    const { m, opt } = build();
    const path = join(dir, 'fmt', 'my_model');
    expect(await tfCheckpointWeightsFormat.canLoad(path)).toBe(false);
    rmSync(join(dir, 'fmt'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'fmt')));
    await tfCheckpointWeightsFormat.saveWeights(m, path);
    expect(await tfCheckpointWeightsFormat.canLoad(path)).toBe(true);
    expect(await tfCheckpointWeightsFormat.canLoad(join(dir, 'fmt'))).toBe(true);
    const b = build();
    await tfCheckpointWeightsFormat.loadWeights(b.m, `${path}.index`);
    expect(values(b.m.layers.flatMap((l) => l.weights))).toEqual(values(m.layers.flatMap((l) => l.weights)));
    dispose(m, opt, b.m, b.opt);
  });
});

function makeStep(value = 7): tf.Variable {
  const init = tf.scalar(value, 'int32');
  const v = tf.variable(init, false, `step_${Math.random()}`);
  init.dispose();
  return v;
}
