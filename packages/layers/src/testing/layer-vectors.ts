/**
 * Test support: runs the cases of `../shared/fixtures/layer-vectors` (inputs, weights and outputs computed by
 * Keras 2.1.2). Each case's layers are built with `deserialize` from their Keras configs (Keras 2.1 defaults
 * filled in where tf.keras 2 changed them), wired as `cases.json` says, built symbolically, given the weights in
 * `getWeights()` order, and run on the input.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@keras-ts/tensor';
import { deserialize } from '../index.js';
import { Input } from '../core/input-layer.js';
import type { Layer } from '../engine/layer.js';
import type { KerasTensor } from '../engine/keras-tensor.js';
import * as activations from '../activations/activations.js';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'fixtures', 'layer-vectors');

export interface VectorCase {
  file: string;
  title: string;
  function?: string;
  inputs: Array<{ name?: string; shape: number[]; batch_size?: number }>;
  layers?: Array<{ name: string; class_name: string; config: Record<string, unknown>; inbound: string[] }>;
  outputs?: string[];
  weights_order?: string[];
  predict_calls?: number;
  [k: string]: unknown;
}
interface Arr {
  data: number[];
  shape: number[];
}

/** Keras 2.1.2 defaults that tf.keras 2 changed (the cases list only the arguments they gave). */
const KERAS_21_DEFAULTS: Record<string, Record<string, unknown>> = {
  LSTM: { recurrent_activation: 'hard_sigmoid' },
  GRU: { recurrent_activation: 'hard_sigmoid', reset_after: false },
  LSTMCell: { recurrent_activation: 'hard_sigmoid' },
  GRUCell: { recurrent_activation: 'hard_sigmoid', reset_after: false },
};

function withDefaults(className: string, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...(KERAS_21_DEFAULTS[className] ?? {}), ...config };
  if ((className === 'Bidirectional' || className === 'TimeDistributed') && out.layer && typeof out.layer === 'object') {
    const inner = out.layer as { class_name: string; config: Record<string, unknown> };
    out.layer = { class_name: inner.class_name, config: withDefaults(inner.class_name, inner.config) };
  }
  return out;
}

export function vectorsAvailable(): boolean {
  return existsSync(join(VECTORS_DIR, 'cases.json'));
}

let casesCache: Record<string, VectorCase> | null = null;
export function loadCases(): Record<string, VectorCase> {
  casesCache ??= (JSON.parse(readFileSync(join(VECTORS_DIR, 'cases.json'), 'utf8')) as { cases: Record<string, VectorCase> }).cases;
  return casesCache;
}
const fileCache = new Map<string, Record<string, { input?: Arr; inputs?: Arr[]; weights?: Arr[]; expected: Arr }>>();
function vectors(file: string) {
  if (!fileCache.has(file)) fileCache.set(file, JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8')));
  return fileCache.get(file)!;
}

/** Case keys whose vector file matches `filePattern` (e.g. /layers\/core\//). */
export function caseKeys(filePattern: RegExp): string[] {
  return Object.entries(loadCases()).filter(([, c]) => filePattern.test(c.file)).map(([k]) => k);
}

export interface CaseResult {
  actual: Float32Array;
  actualShape: number[];
  expected: number[];
  expectedShape: number[];
}

/** Runs one case; disposes everything it made (including the layers' weights). */
export function runCase(key: string): CaseResult {
  const c = loadCases()[key];
  const vec = vectors(c.file)[key];
  if (!vec) throw new Error(`case ${key} missing from ${c.file}`);
  const inputsData = vec.inputs ?? [vec.input!];
  if (c.function) return runActivationCase(c, inputsData[0], vec.expected);
  const created: Layer[] = [];
  try {
    const symbolic = new Map<string, KerasTensor>();
    c.inputs.forEach((inp, i) => symbolic.set(inp.name ?? `layer_${i}`, Input({ batchShape: [inp.batch_size ?? null, ...inp.shape] })));
    const byName = new Map<string, Layer>();
    for (const spec of c.layers!) {
      const layer = deserialize({ class_name: spec.class_name, config: { ...withDefaults(spec.class_name, spec.config), name: spec.name } });
      created.push(layer);
      byName.set(spec.name, layer);
      const ins = spec.inbound.map((n) => symbolic.get(n)!);
      symbolic.set(spec.name, layer.apply(ins.length === 1 ? ins[0] : ins));
    }
    const order = c.weights_order ?? c.layers!.map((l) => l.name);
    let wi = 0;
    const weights = vec.weights ?? [];
    for (const name of order) {
      const layer = byName.get(name)!;
      const n = layer.weights.length;
      const vals = weights.slice(wi, wi + n).map((w) => tf.tensor(w.data, w.shape));
      wi += n;
      layer.setWeights(vals);
      tf.dispose(vals);
    }
    if (wi !== weights.length) throw new Error(`case ${key}: ${weights.length} weights given, layers hold ${wi}`);
    const calls = c.predict_calls ?? 1;
    let out: tf.Tensor | null = null;
    for (let call = 0; call < calls; call++) {
      out?.dispose();
      out = tf.tidy(() => {
        const real = new Map<string, tf.Tensor>();
        c.inputs.forEach((inp, i) => real.set(inp.name ?? `layer_${i}`, tf.tensor(inputsData[i].data, [1, ...inputsData[i].shape])));
        for (const spec of c.layers!) {
          const ins = spec.inbound.map((n) => real.get(n)!);
          real.set(spec.name, byName.get(spec.name)!.apply(ins.length === 1 ? ins[0] : ins, { training: false }));
        }
        return real.get(c.outputs![0])!;
      });
    }
    const result = { actual: out!.dataSync() as Float32Array, actualShape: out!.shape.slice(1), expected: vec.expected.data, expectedShape: vec.expected.shape };
    out!.dispose();
    return result;
  } finally {
    for (const l of created) l.dispose();
  }
}

function runActivationCase(c: VectorCase, input: Arr, expected: Arr): CaseResult {
  const out = tf.tidy(() => {
    const x = tf.tensor(input.data, input.shape);
    const fn = c.function!;
    if (fn === 'relu' && (c.alpha != null || c.max_value != null)) {
      return activations.reluWith(x, { alpha: (c.alpha as number) ?? 0, maxValue: (c.max_value as number) ?? null });
    }
    if (fn === 'elu' && c.alpha != null) return activations.elu(x, c.alpha as number);
    return activations.getActivation(fn)(x);
  });
  const result = { actual: out.dataSync() as Float32Array, actualShape: out.shape, expected: expected.data, expectedShape: expected.shape };
  out.dispose();
  return result;
}

/** Max absolute error, and whether all values are within `atol + rtol*|expected|`. */
export function compare(r: CaseResult, atol = 1e-5, rtol = 1e-5): { maxErr: number; ok: boolean } {
  let maxErr = 0;
  let ok = r.actual.length === r.expected.length;
  for (let i = 0; i < r.expected.length; i++) {
    const e = Math.abs(r.actual[i] - r.expected[i]);
    maxErr = Math.max(maxErr, e);
    if (!(e <= atol + rtol * Math.abs(r.expected[i]))) ok = false;
  }
  return { maxErr, ok };
}
