/** Test helper: the Keras 3 reference numbers in test-data/reference.json, and tensor comparison. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@keras-ts/tensor';

export interface Arr {
  shape: number[];
  data: number[];
}
export interface LossCase {
  id: string;
  class_name: string;
  config: Record<string, unknown>;
  keras3_config: Record<string, unknown>;
  y_true: Arr;
  y_pred: Arr;
  sample_weight: Arr | null;
  expected: Arr;
  per_sample: Arr;
}
export interface FnCase {
  name: string;
  y_true: Arr;
  y_pred: Arr;
  expected: Arr;
}
export interface Batch {
  yt?: Arr;
  yp?: Arr;
  sw?: Arr;
  values?: Arr;
}
export interface MetricCase {
  id: string;
  class_name: string;
  config: Record<string, unknown>;
  keras3_config: Record<string, unknown>;
  values_only: boolean;
  batches: Batch[];
  results: Arr[];
  after_reset: Batch;
  after_reset_result: Arr;
}
export interface Reference {
  keras_version: string;
  losses: LossCase[];
  loss_functions: FnCase[];
  metrics: MetricCase[];
}

const here = dirname(fileURLToPath(import.meta.url));
let cached: Reference | undefined;

export function reference(): Reference {
  cached ??= JSON.parse(readFileSync(join(here, '..', '..', 'test-data', 'reference.json'), 'utf8')) as Reference;
  return cached;
}

export function toT(a: Arr): tf.Tensor {
  return tf.tensor(a.data, a.shape, 'float32');
}

/** Max error of `actual` against `expected`, and whether all are within atol + rtol·|expected|. */
export function closeTo(actual: tf.Tensor, expected: Arr, atol = 1e-5, rtol = 1e-5): { ok: boolean; message: string } {
  const shapeOk = actual.shape.length === expected.shape.length && actual.shape.every((d, i) => d === expected.shape[i]);
  if (!shapeOk) return { ok: false, message: `shape [${actual.shape}] != expected [${expected.shape}]` };
  const got = actual.dataSync();
  let worst = 0;
  let ok = true;
  for (let i = 0; i < got.length; i++) {
    const e = expected.data[i];
    const err = Math.abs(got[i] - e);
    if (!(err <= atol + rtol * Math.abs(e))) ok = false;
    worst = Math.max(worst, err);
  }
  return { ok, message: `max abs error ${worst}; got [${Array.from(got).slice(0, 8)}] expected [${expected.data.slice(0, 8)}]` };
}
