/**
 * A generated corpus of corrupted Keras files (truncated, bit-flipped, zeroed, wrong attributes, hostile
 * JSON, hostile archives) built at test time from the fixtures: every one must either load or fail with a
 * typed KerasError, never crash, hang or throw anything untyped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { FileFormatError, KerasError } from '@keras-ts/tensor';
import { fixturesDir } from '../../../testing/oracle.js';
import { closeHdf5Engine, readHdf5, writeHdf5 } from './h5/engine.js';
import { DTYPES, attr, dataset, group, lookup, stringAttr, type H5Group } from './h5/tree.js';
import { isKeras2ModelFile, readKeras2ModelFile, readKeras2WeightsFile } from './keras2/model-file.js';
import { readKeras3Archive } from './keras3/model-archive.js';

const TIMEOUT_MS = 4000;
const h5Bases = [
  'keras-h5/dl4j/weights/keras-attention.h5',
  'keras-h5/nanohop/mean_network.h5',
  'keras-h5/dl4j/examples/simple_rnn/simple_rnn_tf_keras_2_model.h5',
  'keras-h5/dl4j/fullconfigs/cnn/cnn_batch_norm.h5',
  'keras-h5/dl4j/examples/activations/ELU_0_weights.h5',
  'keras-h5/hls4ml/KERAS_3layer_weights.h5',
];
const kerasBases = ['keras-v3/gurobi/diabetes.keras', 'keras-v3/gurobi/diabetes_v2.keras', 'keras-v3/hls4ml/qkeras-v3_3layer.keras'];
const load = (p: string) => new Uint8Array(readFileSync(join(fixturesDir, p)));

let seed = 20261125;
function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}

type Variant = { name: string; kind: 'h5' | 'keras'; bytes: Uint8Array };

function damage(base: Uint8Array, name: string, kind: 'h5' | 'keras', truncations: number, flips: number, zeros: number): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < truncations; i++) {
    const at = Math.floor((base.length * (i + 0.5 * rand())) / truncations);
    out.push({ name: `${name} truncated at ${at}`, kind, bytes: base.slice(0, at) });
  }
  for (let i = 0; i < flips; i++) {
    const b = base.slice();
    const n = [1, 2, 4, 16, 64][i % 5]!;
    for (let j = 0; j < n; j++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
    out.push({ name: `${name} with ${n} flipped bits (#${i})`, kind, bytes: b });
  }
  for (let i = 0; i < zeros; i++) {
    const b = base.slice();
    const from = Math.floor(rand() * b.length);
    b.fill(0, from, Math.min(b.length, from + 1 + Math.floor(rand() * 512)));
    out.push({ name: `${name} with zeroed bytes from ${from}`, kind, bytes: b });
  }
  return out;
}

async function openH5(bytes: Uint8Array, source: string): Promise<unknown> {
  const root = await readHdf5(bytes, { source, timeoutMs: TIMEOUT_MS });
  return isKeras2ModelFile(root) ? readKeras2ModelFile(root, source) : readKeras2WeightsFile(root, source);
}

async function attempt(v: Variant): Promise<'loaded' | 'typed'> {
  try {
    if (v.kind === 'h5') await openH5(v.bytes, v.name);
    else await readKeras3Archive(v.bytes, { source: v.name, timeoutMs: TIMEOUT_MS });
    return 'loaded';
  } catch (e) {
    if (e instanceof KerasError) return 'typed';
    throw new Error(`${v.name}: untyped ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
}

/** A Keras 2 model file as a tree, for structural edits. */
async function modelTree(): Promise<H5Group> {
  return readHdf5(load('keras-h5/nanohop/mean_network.h5'));
}

function setAttr(node: H5Group, name: string, value: string | null): void {
  node.attrs = node.attrs.filter((a) => a.name !== name);
  if (value !== null) node.attrs.push(stringAttr(name, value, DTYPES.vlenAscii));
}

async function structural(): Promise<{ variant: Variant; expect: RegExp }[]> {
  const edits: [string, (t: H5Group) => void, RegExp][] = [
    ['layer_names lists a missing layer', (t) => { const mw = lookup(t, 'model_weights') as H5Group; attr(mw, 'layer_names')!.value = ['dense_1', 'ghost']; attr(mw, 'layer_names')!.shape = [2]; }, /lists layer "ghost"/],
    ['no layer_names', (t) => { const mw = lookup(t, 'model_weights') as H5Group; mw.attrs = mw.attrs.filter((a) => a.name !== 'layer_names'); }, /no "layer_names"/],
    ['weight_names lists a missing dataset', (t) => { const g = lookup(t, 'model_weights/dense_1') as H5Group; attr(g, 'weight_names')!.value = ['dense_1/nothing:0']; attr(g, 'weight_names')!.shape = [1]; }, /no dataset/],
    ['weight_names holds numbers', (t) => { const g = lookup(t, 'model_weights/dense_1') as H5Group; g.attrs = [{ name: 'weight_names', dtype: DTYPES.int32, shape: [2], value: new Int32Array([1, 2]) }]; }, /holds numbers/],
    ['a weight is a string dataset', (t) => { const g = lookup(t, 'model_weights/dense_1/dense_1') as H5Group; g.children = g.children.map((c) => c.name === 'bias:0' ? dataset('bias:0', DTYPES.vlenAscii, [1], ['x']) : c); }, /datatype/],
    ['keras_version 1.2.2', (t) => { setAttr(t, 'keras_version', '1.2.2'); }, /Keras 1 format/],
    ['model_config is not JSON', (t) => setAttr(t, 'model_config', '{"class_name": Sequential'), /model_config is not valid JSON/],
    ['model_config is an array', (t) => setAttr(t, 'model_config', '[1, 2, 3]'), /must be a JSON object/],
    ['model_config without class_name', (t) => setAttr(t, 'model_config', '{"config": {}}'), /class_name/],
    ['model_config nested 200000 deep', (t) => setAttr(t, 'model_config', '['.repeat(200000) + ']'.repeat(200000)), /JSON/],
    ['model_config with a JS payload', (t) => setAttr(t, 'model_config', '(function(){ globalThis.pwned = 1 })()'), /not valid JSON/],
    ['training_config is not JSON', (t) => setAttr(t, 'training_config', 'NaN-ish{'), /training_config is not valid JSON/],
    ['no model_config and no layer_names', (t) => { setAttr(t, 'model_config', null); (lookup(t, 'model_weights') as H5Group).name = 'elsewhere'; }, /layer_names/],
    ['no model_weights group', (t) => { t.children = t.children.filter((c) => c.name !== 'model_weights'); }, /no "model_weights"/],
    ['optimizer weight missing', (t) => { const og = lookup(t, 'optimizer_weights') as H5Group; og.attrs = [{ name: 'weight_names', dtype: DTYPES.vlenAscii, shape: [1], value: ['Adam/ghost:0'] }]; }, /optimizer_weights lists "Adam\/ghost:0"/],
  ];
  const out: { variant: Variant; expect: RegExp }[] = [];
  for (const [name, edit, re] of edits) {
    const t = await modelTree();
    edit(t);
    out.push({ variant: { name, kind: 'h5', bytes: await writeHdf5(t) }, expect: re });
  }
  return out;
}

/** An HDF5 file of a few KB whose dataset claims [10^6, 10^6] float32 (4 TB). */
async function hugeClaim(): Promise<Uint8Array> {
  const t = group('', [{ name: 'layer_names', dtype: DTYPES.vlenAscii, shape: [1], value: ['d'] }, stringAttr('keras_version', '2.15.0'), stringAttr('backend', 'tensorflow')], [
    group('d', [{ name: 'weight_names', dtype: DTYPES.vlenAscii, shape: [1], value: ['k:0'] }], [{ ...dataset('k:0', DTYPES.float32, [7, 13], new Float32Array(91)), chunks: [7, 13] }]),
  ]);
  const bytes = await writeHdf5(t);
  const dims = new Uint8Array(16);
  dims[0] = 7;
  dims[8] = 13;
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 1_000_000n, true);
  new DataView(huge.buffer).setBigUint64(8, 1_000_000n, true);
  let patched = 0;
  for (let i = 0; i + 16 <= bytes.length; i++) {
    if (dims.every((b, j) => bytes[i + j] === b)) {
      bytes.set(huge, i);
      patched++;
    }
  }
  expect(patched).toBeGreaterThan(0);
  return bytes;
}

function archive(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: 0 }]])));
}

afterAll(async () => {
  await closeHdf5Engine();
});

describe('corrupted-file corpus', () => {
  it('yields only typed errors over 200+ generated variants', async () => {
    const variants: Variant[] = [];
    for (const b of h5Bases) variants.push(...damage(load(b), b, 'h5', 8, 12, 4));
    for (const b of kerasBases) variants.push(...damage(load(b), b, 'keras', 6, 12, 2));
    const counts = { loaded: 0, typed: 0 };
    for (const v of variants) counts[await attempt(v)]++;
    expect(variants.length).toBeGreaterThanOrEqual(200);
    expect(counts.typed).toBeGreaterThan(counts.loaded / 4);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    console.log(`corpus: ${variants.length} damaged variants: ${counts.typed} typed errors, ${counts.loaded} still loadable`);
  }, 240_000);

  it('names the problem for wrong attributes and hostile JSON', async () => {
    const cases = await structural();
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const c of cases) {
      const p = openH5(c.variant.bytes, c.variant.name);
      await expect(p, c.variant.name).rejects.toThrow(FileFormatError);
      await expect(openH5(c.variant.bytes, c.variant.name), c.variant.name).rejects.toThrow(c.expect);
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  }, 60_000);

  it('refuses a small file that declares a 10^12-element dataset before allocating it', async () => {
    const bytes = await hugeClaim();
    expect(bytes.length).toBeLessThan(20_000);
    await expect(openH5(bytes, 'huge.h5')).rejects.toThrow(FileFormatError);
    await expect(openH5(bytes, 'huge.h5')).rejects.toThrow(/declares shape \[1000000, 1000000\]/);
  });

  it('rejects hostile .keras archives with typed errors and never extracts entries', async () => {
    const enc = new TextEncoder();
    const base = await readKeras3Archive(load('keras-v3/gurobi/diabetes.keras'));
    expect(base.config.class_name).toBe('Sequential');
    const good = JSON.stringify(base.config);
    const weights = (await import('fflate')).unzipSync(load('keras-v3/gurobi/diabetes.keras'))['model.weights.h5']!;
    const hostile: [string, Uint8Array, RegExp][] = [
      ['no config.json', archive({ 'metadata.json': enc.encode('{}') }), /no "config.json"/],
      ['config.json not JSON', archive({ 'config.json': enc.encode('{{{') }), /config.json is not valid JSON/],
      ['config.json a string', archive({ 'config.json': enc.encode('"Sequential"') }), /must be a JSON object/],
      ['metadata.json an array', archive({ 'config.json': enc.encode(good), 'metadata.json': enc.encode('[]') }), /metadata.json must be a JSON object/],
      ['weights not HDF5', archive({ 'config.json': enc.encode(good), 'model.weights.h5': enc.encode('PK not hdf5') }), /not an HDF5 file/],
      ['weights truncated', archive({ 'config.json': enc.encode(good), 'model.weights.h5': weights.slice(0, 3000) }), /truncated/],
      ['not a zip', enc.encode('just some text, not a zip archive at all'), /not a zip archive/],
      ['an HDF5 file named .keras', load('keras-h5/nanohop/iris.h5'), /not a zip archive/],
    ];
    for (const [name, bytes, re] of hostile) await expect(readKeras3Archive(bytes, { source: name }), name).rejects.toThrow(re);
    // Entries with path-like names are never opened, let alone written anywhere.
    const sneaky = archive({ '../../escape.txt': enc.encode('x'), '/abs.txt': enc.encode('y'), 'config.json': enc.encode(good) });
    const read = await readKeras3Archive(sneaky);
    expect(read.config.class_name).toBe('Sequential');
    expect(existsSync(join(process.cwd(), '..', '..', 'escape.txt'))).toBe(false);
    // An entry that declares far more bytes than it holds (a zip bomb) is refused before inflating.
    const bomb = archive({ 'config.json': enc.encode(good) });
    const view = new DataView(bomb.buffer);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    await expect(readKeras3Archive(bomb, { source: 'bomb.keras' })).rejects.toThrow(FileFormatError);
  });
});
