/**
 * Shared layer-test harness (Keras's `run_layer_test`, generic): construct, build, call, output shape (eager and
 * symbolic), weight counts, config round trip through `serialize`/`deserialize` (same config, same output with the
 * same weights), and no tensor leak. Plus `checkGradients`: central differences against `tf.variableGrads`
 * (and optionally the input gradient) on a tiny input, and a check that every trainable weight gets a non-zero
 * gradient.
 */
import { expect } from 'vitest';
import * as tf from '@keras-ts/tensor';
import type { Layer } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { Input } from '../core/input-layer.js';
import { serialize, deserialize } from '../index.js';

/** Deterministic pseudo-random values in [lo, hi) (no tf RNG state involved). */
export function seededValues(n: number, seed = 1, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = Math.imul((seed + 0x9e3779b9) | 0, 0x85ebca6b) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    // xorshift32: seeds next to each other give unrelated sequences
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}
export function seededTensor(shape: number[], seed = 1, lo = -1, hi = 1): tf.Tensor {
  return tf.tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed, lo, hi), shape);
}

export interface LayerTestOptions {
  /** Builds a fresh layer. */
  make: () => Layer;
  /** Input shape(s) with the batch dimension. */
  inputShape: number[] | number[][];
  expectedOutputShape?: Shape;
  expectedWeights?: number;
  expectedTrainableWeights?: number;
  expectedNonTrainableWeights?: number;
  /** Keras weight names (the part after the layer name), in `weights` order. */
  expectedWeightNames?: string[];
  training?: boolean;
}

export interface LayerTestResult {
  outputShape: number[];
  config: Record<string, unknown>;
}

function inputsFor(shape: number[] | number[][]): tf.Tensor | tf.Tensor[] {
  return Array.isArray(shape[0]) ? (shape as number[][]).map((s, i) => seededTensor(s, 11 + i)) : seededTensor(shape as number[], 11);
}

/** Runs the generic checks; throws (with a message naming the check) on the first failure. */
export function runLayerTest(opts: LayerTestOptions): LayerTestResult {
  const start = tf.memory().numTensors;
  const layer = opts.make();
  const inputs = inputsFor(opts.inputShape);
  const cls = (layer.constructor as unknown as { className: string }).className;
  let copy: Layer | null = null;
  let ok = false;
  try {
    const out = layer.apply(inputs, { training: opts.training }) as tf.Tensor;
    const outputShape = out.shape;
    if (opts.expectedOutputShape) expectEq(outputShape, opts.expectedOutputShape, `${cls}: output shape`);
    // symbolic call agrees with the eager one (batch dim unknown)
    const list = Array.isArray(opts.inputShape[0]) ? (opts.inputShape as number[][]) : [opts.inputShape as number[]];
    const symIn = list.map((s) => Input({ batchShape: [null, ...s.slice(1)] }));
    const sym = layer.apply(symIn.length === 1 ? symIn[0] : symIn) as unknown as { shape: Shape };
    expectEq(sym.shape.slice(1), outputShape.slice(1), `${cls}: symbolic output shape`);
    if (opts.expectedWeights != null) expectEq(layer.weights.length, opts.expectedWeights, `${cls}: weight count`);
    if (opts.expectedTrainableWeights != null) expectEq(layer.trainableWeights.length, opts.expectedTrainableWeights, `${cls}: trainable weight count`);
    if (opts.expectedNonTrainableWeights != null) expectEq(layer.nonTrainableWeights.length, opts.expectedNonTrainableWeights, `${cls}: non-trainable weight count`);
    if (opts.expectedWeightNames) {
      const names = layer.weights.map((w) => tf.variableInfo(w).name);
      expectEq(names, opts.expectedWeightNames, `${cls}: weight names`);
    }
    // config round trip
    const ser = serialize(layer);
    copy = deserialize(JSON.parse(JSON.stringify(ser)));
    const out2 = copy.apply(inputs, { training: opts.training }) as tf.Tensor;
    const reser = serialize(copy);
    expectEq({ ...reser.config, name: null }, { ...ser.config, name: null }, `${cls}: config round trip`);
    const w = layer.getWeights();
    copy.setWeights(w);
    tf.dispose(w);
    const out3 = copy.apply(inputs, { training: opts.training }) as tf.Tensor;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(out, out3))).dataSync()[0]);
    if (!opts.training && diff > 1e-6) throw new Error(`${cls}: output after config round trip differs by ${diff}`);
    tf.dispose([out, out2, out3]);
    ok = true;
    return { outputShape, config: ser.config as Record<string, unknown> };
  } finally {
    tf.dispose(inputs);
    layer.dispose();
    copy?.dispose();
    const leaked = tf.memory().numTensors - start;
    if (ok && leaked !== 0) throw new Error(`${cls}: ${leaked} tensors leaked`);
  }
}

function expectEq(a: unknown, b: unknown, what: string): void {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (ja !== jb) throw new Error(`${what}: expected ${jb}, got ${ja}`);
}

export interface GradientCheckOptions {
  /** Entries checked per weight (spread over the weight). Default 6. */
  samples?: number;
  eps?: number;
  rtol?: number;
  atol?: number;
  /** Also check d(loss)/d(input). */
  wrtInput?: boolean;
  training?: boolean;
}

export interface GradientCheckResult {
  maxAbsErr: number;
  checked: number;
  /** Names of trainable weights whose analytic gradient is all zeros (should be empty). */
  zeroGradWeights: string[];
  failures: string[];
}

/**
 * Compares analytic gradients of `loss = sum(layer(x) * R)` (R fixed, pseudo-random) with central differences.
 * The layer must be built by the call on `x` (or before).
 */
export function checkGradients(layer: Layer, x: tf.Tensor | tf.Tensor[], opts: GradientCheckOptions = {}): GradientCheckResult {
  const { samples = 6, eps = 1e-2, rtol = 3e-2, atol = 3e-3, training = false } = opts;
  const xs = Array.isArray(x) ? x : [x];
  const first = layer.apply(x, { training }) as tf.Tensor;
  const r = seededTensor(first.shape, 99);
  first.dispose();
  const loss = (inp: tf.Tensor | tf.Tensor[] = x) => tf.tidy(() => tf.sum(tf.mul(layer.apply(inp, { training }) as tf.Tensor, r)) as tf.Scalar);
  const lossValue = (inp?: tf.Tensor | tf.Tensor[]) => {
    const l = loss(inp);
    const v = l.dataSync()[0];
    l.dispose();
    return v;
  };
  const result: GradientCheckResult = { maxAbsErr: 0, checked: 0, zeroGradWeights: [], failures: [] };
  const compareOne = (what: string, ana: number, num: number) => {
    const err = Math.abs(ana - num);
    result.maxAbsErr = Math.max(result.maxAbsErr, err);
    result.checked++;
    if (err > atol + rtol * Math.max(Math.abs(ana), Math.abs(num))) result.failures.push(`${what}: analytic ${ana}, numeric ${num}`);
  };
  const vars = layer.trainableWeights;
  if (vars.length) {
    const { grads } = tf.variableGrads(() => loss(), vars);
    for (const v of vars) {
      const g = grads[v.name].dataSync();
      if (!g.some((e) => e !== 0)) result.zeroGradWeights.push(v.name);
      const orig = v.dataSync().slice();
      const idx = pick(orig.length, samples);
      for (const i of idx) {
        const vals = orig.slice();
        vals[i] = orig[i] + eps;
        assignVals(v, vals);
        const up = lossValue();
        vals[i] = orig[i] - eps;
        assignVals(v, vals);
        const down = lossValue();
        assignVals(v, orig);
        compareOne(`${v.name}[${i}]`, g[i], (up - down) / (2 * eps));
      }
    }
    tf.dispose(grads);
  }
  if (opts.wrtInput) {
    const gradFn = tf.grads((...ins: tf.Tensor[]) => loss(ins.length === 1 ? ins[0] : ins));
    const gs = gradFn(xs);
    xs.forEach((xi, k) => {
      const g = gs[k].dataSync();
      const orig = xi.dataSync().slice();
      for (const i of pick(orig.length, samples)) {
        const shifted = (d: number) => {
          const vals = orig.slice();
          vals[i] = orig[i] + d;
          const t = tf.tensor(vals, xi.shape);
          const all = xs.map((o, j) => (j === k ? t : o));
          const v = lossValue(all.length === 1 ? all[0] : all);
          t.dispose();
          return v;
        };
        compareOne(`input${k}[${i}]`, g[i], (shifted(eps) - shifted(-eps)) / (2 * eps));
      }
    });
    tf.dispose(gs);
  }
  r.dispose();
  return result;
}

function assignVals(v: tf.Variable, vals: Float32Array | Int32Array | Uint8Array): void {
  const t = tf.tensor(vals, v.shape, v.dtype);
  v.assign(t);
  t.dispose();
}

function pick(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.floor((i * (n - 1)) / (k - 1)));
}

/**
 * {@link checkGradients}, asserting that every sampled gradient matches central differences, that every
 * trainable weight gets a non-zero gradient, and that something was checked at all.
 */
export function expectGradientsMatch(layer: Layer, x: tf.Tensor | tf.Tensor[], opts: GradientCheckOptions = {}): GradientCheckResult {
  const g = checkGradients(layer, x, opts);
  expect(g.failures).toEqual([]);
  expect(g.zeroGradWeights).toEqual([]);
  expect(g.checked).toBeGreaterThan(0);
  return g;
}
