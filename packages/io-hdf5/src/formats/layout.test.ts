/**
 * The HDF5 files keras-ts writes have Keras 2's group/dataset/attribute names and dtypes: both trees are
 * reduced to layout signatures (where each attribute and dataset sits, with its type class, string kind,
 * charset and rank; layer names abstracted) and ours must be a subset of a real tf.keras 2.11 file's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { Dense, Flatten } from '@keras-ts/layers';
import { Sequential } from '@keras-ts/models';
import { fixturesDir } from '../../../../testing/oracle.js';
import { closeHdf5Engine, readHdf5 } from '../h5/engine.js';
import type { H5Attribute, H5Dtype, H5Group, H5Node } from '../h5/tree.js';
import '../index.js';

beforeAll(async () => {
  await tf.ready();
});
afterAll(async () => {
  await closeHdf5Engine();
});

function kind(d: H5Dtype, shape: number[]): string {
  const base = d.class === 'string' ? `string/${d.vlen ? 'vlen' : `fixed`}/${d.cset}` : `${d.class}${d.size * 8}`;
  return `${base}/rank${shape.length}`;
}

/** Layout signatures: '/model_weights/<layer>@weight_names string/vlen/ascii/rank1', '/optimizer_weights/** float32'. */
function signatures(root: H5Group): Set<string> {
  const out = new Set<string>();
  const attrs = (where: string, as: H5Attribute[]) => as.forEach((a) => out.add(`${where}@${a.name} ${kind(a.dtype, a.shape)}`));
  attrs('/', root.attrs);
  const walk = (n: H5Node, path: string[]) => {
    const top = path[0];
    const where = top === 'model_weights' ? ['', 'model_weights', ...path.slice(1, 2).map(() => '<layer>')].join('/') : `/${path.join('/')}`;
    if (n.type === 'group') {
      if (path.length <= 2) attrs(where, n.attrs);
      n.children.forEach((c) => walk(c, [...path, c.name]));
    } else if (n.type === 'dataset') {
      out.add(`/${top}/** dataset ${kind(n.dtype, top === 'optimizer_weights' ? [] : [0, 0])}`);
    }
  };
  root.children.forEach((c) => walk(c, [c.name]));
  return out;
}

describe('Keras 2 HDF5 layout', () => {
  it('model.save("x.h5") writes the layout of a real tf.keras 2.11 file', async () => {
    const model = new Sequential([new Dense(4, { inputShape: [3], name: 'dense' }), new Flatten({ name: 'flat' }), new Dense(1, { name: 'dense_1' })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.ones([4, 3]);
    await model.fit(x, tf.ones([4, 1]), { epochs: 1, verbose: 0 });
    const path = join(mkdtempSync(join(tmpdir(), 'io-hdf5-layout-')), 'm.h5');
    await model.save(path);
    const ours = signatures(await readHdf5(new Uint8Array(readFileSync(path))));
    const keras = signatures(await readHdf5(new Uint8Array(readFileSync(join(fixturesDir, 'keras-h5/dl4j/weights/keras-attention.h5')))));
    // keras-attention.h5's optimizer was never built (only `iteration`); a trained tf.keras 2.4 file adds the slots.
    const trained = signatures(await readHdf5(new Uint8Array(readFileSync(join(fixturesDir, 'keras-h5/dl4j/tfkeras/issue_9349.hdf5')))));
    for (const s of trained) if (s.startsWith('/optimizer_weights/**')) keras.add(s);
    expect([...ours].filter((s) => !keras.has(s))).toEqual([]);
    // And every kind of entry the real file has, ours has too.
    expect([...keras].filter((s) => !ours.has(s))).toEqual([]);
    x.dispose();
    model.dispose();
  });
});
