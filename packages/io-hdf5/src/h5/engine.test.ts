import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError } from '@keras-ts/tensor';
import { fixturesDir } from '../../../../testing/oracle.js';
import { closeHdf5Engine, readHdf5, writeHdf5 } from './engine.js';
import { DTYPES, attr, dataset, group, lookup, stringAttr, stringsAttr, type H5Dataset, type H5Group } from './tree.js';

const fixture = (p: string) => new Uint8Array(readFileSync(join(fixturesDir, p)));

afterAll(async () => {
  await closeHdf5Engine();
});

describe('readHdf5', () => {
  it('reads a Keras 2.11 model file: attributes, strings, datasets', async () => {
    const root = await readHdf5(fixture('keras-h5/dl4j/weights/keras-attention.h5'));
    expect(attr(root, 'keras_version')).toMatchObject({ dtype: { class: 'string', vlen: true, cset: 'utf8' }, shape: [], value: ['2.11.0'] });
    const mw = lookup(root, 'model_weights') as H5Group;
    expect(attr(mw, 'layer_names')!.value).toEqual(['inputs', 'dense', 'attention', 'concatenate', 'dense_1', 'outputs']);
    const kernel = lookup(root, 'model_weights/dense/dense/kernel:0') as H5Dataset;
    expect(kernel.shape).toEqual([22, 32]);
    expect(kernel.dtype).toEqual({ class: 'float', size: 4 });
    expect(kernel.data).toBeInstanceOf(Float32Array);
    expect((kernel.data as Float32Array).length).toBe(704);
    const empty = attr(lookup(root, 'model_weights/inputs') as H5Group, 'weight_names')!;
    expect(empty).toMatchObject({ dtype: { class: 'float', size: 8 }, shape: [0] });
    const it0 = lookup(root, 'optimizer_weights/iteration:0') as H5Dataset;
    expect(it0.shape).toEqual([]);
    expect(it0.data).toEqual(new BigInt64Array([0n]));
  });

  it('reads fixed-length string attributes of Keras 2.1', async () => {
    const root = await readHdf5(fixture('keras-h5/dl4j/examples/simple_rnn/simple_rnn_tf_keras_2_model.h5'));
    const a = attr(lookup(root, 'model_weights') as H5Group, 'layer_names')!;
    expect(a.dtype).toMatchObject({ class: 'string', vlen: false, size: 12, cset: 'ascii' });
    expect(a.value).toEqual(['simple_rnn_1', 'dense_1']);
  });

  it('rejects non-HDF5 and truncated bytes with FileFormatError', async () => {
    await expect(readHdf5(new TextEncoder().encode('hello world'), { source: 'x.h5' })).rejects.toThrow(/x\.h5: not an HDF5 file/);
    const bytes = fixture('keras-h5/nanohop/iris.h5');
    await expect(readHdf5(bytes.subarray(0, 5000))).rejects.toThrow(FileFormatError);
    await expect(readHdf5(bytes.subarray(0, 5000))).rejects.toThrow(/truncated/);
  });
});

describe('writeHdf5', () => {
  it('round-trips groups, datasets and attributes with their dtypes', async () => {
    const tree = group('', [stringAttr('backend', 'tensorflow', DTYPES.vlenUtf8), stringsAttr('layer_names', ['a', 'bb'])], [
      group('a', [{ name: 'weight_names', dtype: DTYPES.float64, shape: [0], value: new Float64Array(0) }]),
      group('bb', [stringsAttr('weight_names', ['bb/kernel:0'])], [
        group('bb', [], [dataset('kernel:0', DTYPES.float32, [2, 3], new Float32Array([1, 2, 3, 4, 5, 6]))]),
      ]),
      dataset('iteration:0', DTYPES.int64, [], new BigInt64Array([7n])),
      group('fixed', [{ name: 'names', dtype: { class: 'string', size: 5, vlen: false, cset: 'ascii' }, shape: [2], value: ['dense', 'ab'] }]),
    ]);
    const bytes = await writeHdf5(tree);
    const back = await readHdf5(bytes);
    expect(attr(back, 'backend')).toMatchObject({ dtype: { class: 'string', vlen: true, cset: 'utf8' }, shape: [], value: ['tensorflow'] });
    expect(attr(back, 'layer_names')).toMatchObject({ dtype: { class: 'string', vlen: true, cset: 'ascii' }, shape: [2], value: ['a', 'bb'] });
    expect(attr(lookup(back, 'a') as H5Group, 'weight_names')).toMatchObject({ dtype: { class: 'float', size: 8 }, shape: [0] });
    const k = lookup(back, 'bb/bb/kernel:0') as H5Dataset;
    expect(k.shape).toEqual([2, 3]);
    expect(Array.from(k.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((lookup(back, 'iteration:0') as H5Dataset).data).toEqual(new BigInt64Array([7n]));
    expect(attr(lookup(back, 'fixed') as H5Group, 'names')).toMatchObject({ dtype: { class: 'string', vlen: false, size: 5 }, value: ['dense', 'ab'] });
  });
});
