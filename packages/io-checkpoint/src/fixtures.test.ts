/**
 * The real TensorFlow checkpoints in shared/fixtures/tf-checkpoint: every name, dtype, shape and value as
 * TensorFlow itself reads them (test-data/fixtures-reference.json, written by fixtures_reference.py), plus the
 * facts the fixtures README states.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { fixturesDir } from '../../../testing/oracle.js';
import { BundleReader } from './bundle-reader.js';
import { latestCheckpoint, listVariables, loadCheckpoint, loadVariable } from './index.js';
import { CheckpointResolver } from './object-checkpoint.js';

const ROOT = join(fixturesDir, 'tf-checkpoint');
const reference = JSON.parse(readFileSync(new URL('../test-data/fixtures-reference.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, { dtype: string; shape: number[]; sum?: number; abs_sum?: number; head?: number[]; sha256?: string[] }>
>;
const TF_DTYPE: Record<string, string> = { float32: 'float32', int32: 'int32', int64: 'int64', string: 'string' };
const have = existsSync(ROOT);

describe.skipIf(!have)('real TensorFlow checkpoints', () => {
  beforeAll(async () => {
    await tf.ready();
  });

  for (const [prefix, entries] of Object.entries(reference)) {
    it(`reads ${prefix} exactly as TensorFlow does`, () => {
      const reader = loadCheckpoint(join(ROOT, prefix));
      const shapes = reader.getVariableToShapeMap();
      const dtypes = reader.getVariableToDtypeMap();
      expect(Object.keys(shapes).sort()).toEqual(Object.keys(entries).sort());
      for (const [name, ref] of Object.entries(entries)) {
        expect(shapes[name], name).toEqual(ref.shape);
        expect(dtypes[name], name).toBe(TF_DTYPE[ref.dtype]);
        const raw = reader.getRawTensor(name);
        if (ref.sha256) {
          const digests = (raw.values as Uint8Array[]).map((v) => createHash('sha256').update(v).digest('hex'));
          expect(digests, name).toEqual(ref.sha256);
        } else {
          const flat = Array.from(raw.values as ArrayLike<number | bigint>, Number);
          const sum = flat.reduce((a, b) => a + b, 0);
          const absSum = flat.reduce((a, b) => a + Math.abs(b), 0);
          expect(sum, name).toBeCloseTo(ref.sum!, 3);
          expect(absSum, name).toBeCloseTo(ref.abs_sum!, 3);
          expect(flat.slice(0, 4), name).toEqual(ref.head);
        }
      }
    });
  }

  it('reads the two-shard checkpoint: every variable in shard 1, the object graph in shard 0', () => {
    const bundle = BundleReader.open(join(ROOT, 'dynamic-system-rnns/16LSTM_Neurons10Epochs.ckpt'));
    expect(bundle.numShards).toBe(2);
    expect(bundle.info('_CHECKPOINTABLE_OBJECT_GRAPH').shard).toBe(0);
    for (const n of bundle.names().filter((n) => n !== '_CHECKPOINTABLE_OBJECT_GRAPH')) expect(bundle.info(n).shard).toBe(1);
    expect(bundle.info('layer_with_weights-0/cell/kernel/.ATTRIBUTES/VARIABLE_VALUE').shape).toEqual([3, 64]);
    expect(bundle.info('layer_with_weights-0/cell/recurrent_kernel/.ATTRIBUTES/VARIABLE_VALUE').shape).toEqual([16, 64]);
    expect(bundle.info('layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE').shape).toEqual([16, 3]);
  });

  it('follows the checkpoint state files', () => {
    expect(latestCheckpoint(join(ROOT, 'lstm-predict-md'))).toBe(join(ROOT, 'lstm-predict-md', 'ckpt_20'));
    expect(latestCheckpoint(join(ROOT, 'dynamic-system-rnns'))).toBe(join(ROOT, 'dynamic-system-rnns', '30LSTM_Neurons5Epochs.ckpt'));
    expect(listVariables(join(ROOT, 'dynamic-system-rnns')).find(([n]) => n.startsWith('layer_with_weights-0/cell/kernel/.ATTR'))?.[1]).toEqual([3, 120]);
  });

  it('gives the tfjs-node SavedModel variables their README values as tensors', () => {
    const start = tf.memory().numTensors;
    const cases: Array<[string, string, number, string]> = [
      ['times_three_float', 'v', 3, 'float32'],
      ['times_two_int', 'v', 2, 'int32'],
      ['int64_multiply', 'v1', 3, 'int32'],
      ['int64_multiply', 'v2', 2, 'int32'],
      ['uint8_multiply', 'v1', 3, 'int32'],
      ['model_multi_output', 'two', 2, 'int32'],
      ['module_with_multiple_signatures', 'two', 2, 'float32'],
    ];
    for (const [model, name, value, dtype] of cases) {
      const t = loadVariable(join(ROOT, 'tfjs-node', model, 'variables', 'variables'), `${name}/.ATTRIBUTES/VARIABLE_VALUE`);
      expect(t.dtype).toBe(dtype);
      expect(t.shape).toEqual([]);
      expect(t.dataSync()[0]).toBe(value);
      t.dispose();
    }
    const raw = loadCheckpoint(join(ROOT, 'tfjs-node/int64_multiply/variables/variables')).getRawTensor('v1/.ATTRIBUTES/VARIABLE_VALUE');
    expect(raw.dtype).toBe('int64');
    expect(raw.values).toEqual(BigInt64Array.of(3n));
    expect(tf.memory().numTensors).toBe(start);
  });

  it('decodes the Keras object graph of the gurobi SavedModel: Adam slots hang off the optimizer', () => {
    const resolver = CheckpointResolver.open(join(ROOT, 'gurobi/diabetes_keras/variables/variables'));
    const root = resolver.root();
    const opt = resolver.child(root, 'optimizer')!;
    const kernel = resolver.child(resolver.child(root, 'layer_with_weights-1')!, 'kernel')!;
    expect(resolver.valueKey(kernel)).toBe('layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE');
    expect(resolver.slotKey(opt, kernel, 'm')).toBe('layer_with_weights-1/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/VARIABLE_VALUE');
    const iter = resolver.reader.getRaw(resolver.valueKey(resolver.child(opt, 'iter')!)!);
    expect(iter.values).toEqual(BigInt64Array.of(3600n));
    expect(Array.from(resolver.reader.getRaw('optimizer/learning_rate/.ATTRIBUTES/VARIABLE_VALUE').values as Float32Array)).toEqual([Math.fround(0.1)]);
  });
});
