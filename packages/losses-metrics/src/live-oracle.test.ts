/**
 * Live cross-check against real Keras 3 (numpy backend, for a fast start): fresh random inputs each run,
 * unlike the committed reference.json. Skips, printing why, when the Python oracle is absent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { pythonOracle } from '../../../testing/oracle.js';
import { losses, metrics } from './index.js';

const { oracle, why } = pythonOracle(['keras', 'numpy']);
if (!oracle) console.log(`skipping the live Keras cross-check: ${why}`);

/** Small seeded generator, so that a failure can be replayed from the printed seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PY = `
import json, sys, numpy as np, keras
cases = json.loads(open(sys.argv[1]).read())
out = []
for c in cases:
    a = lambda k: np.array(c[k], dtype="float32").reshape(c[k + "_shape"]) if c.get(k) is not None else None
    if c["kind"] == "loss":
        l = getattr(keras.losses, c["cls"])(**c["kwargs"])
        out.append(np.asarray(l(a("yt"), a("yp"), sample_weight=a("sw"))).ravel().tolist())
    else:
        m = getattr(keras.metrics, c["cls"])(**c["kwargs"])
        for i in range(c["batches"]):
            m.update_state(a(f"yt{i}"), a(f"yp{i}"), sample_weight=a(f"sw{i}"))
        out.append(np.asarray(m.result()).ravel().tolist())
print(json.dumps(out))
`;

interface Case {
  kind: 'loss' | 'metric';
  cls: string;
  kwargs: Record<string, unknown>;
  batches?: number;
  [k: string]: unknown;
}

function build(seed: number): Case[] {
  const r = rng(seed);
  const arr = (n: number, f: () => number) => Array.from({ length: n }, f);
  const probs = (b: number, c: number) => {
    const out: number[] = [];
    for (let i = 0; i < b; i++) {
      const e = arr(c, () => Math.exp(3 * (r() - 0.5)));
      const s = e.reduce((x, y) => x + y, 0);
      out.push(...e.map((x) => Math.fround(x / s)));
    }
    return out;
  };
  const onehot = (b: number, c: number) => arr(b, () => Math.floor(r() * c)).flatMap((k) => arr(c, () => 0).map((_, j) => (j === k ? 1 : 0)));
  const w = (b: number) => arr(b, () => Math.fround(0.1 + 2 * r()));
  const normal = (n: number) => arr(n, () => Math.fround(4 * (r() - 0.5)));
  const B = 5 + Math.floor(r() * 6);
  const C = 3 + Math.floor(r() * 4);
  const cases: Case[] = [
    { kind: 'loss', cls: 'CategoricalCrossentropy', kwargs: { label_smoothing: 0.1 }, yt: onehot(B, C), yt_shape: [B, C], yp: probs(B, C), yp_shape: [B, C], sw: w(B), sw_shape: [B] },
    { kind: 'loss', cls: 'CategoricalCrossentropy', kwargs: { from_logits: true, reduction: 'sum' }, yt: onehot(B, C), yt_shape: [B, C], yp: normal(B * C), yp_shape: [B, C] },
    { kind: 'loss', cls: 'BinaryCrossentropy', kwargs: { from_logits: true, label_smoothing: 0.2 }, yt: onehot(B, 2), yt_shape: [B, 2], yp: normal(B * 2), yp_shape: [B, 2], sw: w(B), sw_shape: [B] },
    { kind: 'loss', cls: 'Huber', kwargs: { delta: 0.7, reduction: 'none' }, yt: normal(B * 3), yt_shape: [B, 3], yp: normal(B * 3), yp_shape: [B, 3] },
    { kind: 'loss', cls: 'KLDivergence', kwargs: {}, yt: probs(B, C), yt_shape: [B, C], yp: probs(B, C), yp_shape: [B, C], sw: w(B), sw_shape: [B] },
  ];
  const metric = (cls: string, kwargs: Record<string, unknown>, make: () => [number[], number[], number[]], b: number[], cols: number) => {
    const c: Case = { kind: 'metric', cls, kwargs, batches: 3 };
    for (let i = 0; i < 3; i++) {
      const [yt, yp, sw] = make();
      Object.assign(c, { [`yt${i}`]: yt, [`yt${i}_shape`]: [b[i], cols], [`yp${i}`]: yp, [`yp${i}_shape`]: [b[i], cols] });
      if (i > 0) Object.assign(c, { [`sw${i}`]: sw, [`sw${i}_shape`]: [b[i]] });
    }
    cases.push(c);
  };
  const sizes = [B, B + 2, B - 1];
  let k = 0;
  const next = () => sizes[k++ % 3];
  metric('AUC', { curve: 'PR', num_thresholds: 77 }, () => { const n = next(); return [onehot(n, 2).filter((_, i) => i % 2 === 0), arr(n, () => Math.fround(r())), w(n)]; }, sizes, 1);
  metric('CategoricalAccuracy', {}, () => { const n = next(); return [onehot(n, C), probs(n, C), w(n)]; }, sizes, C);
  metric('Precision', { thresholds: [0.3, 0.5, 0.7] }, () => { const n = next(); return [onehot(n, 2), arr(n * 2, () => Math.fround(r())), w(n)]; }, sizes, 2);
  metric('RootMeanSquaredError', {}, () => { const n = next(); return [normal(n * 2), normal(n * 2), w(n)]; }, sizes, 2);
  return cases;
}

function ours(c: Case): number[] {
  const t = (k: string) => (c[k] === undefined ? undefined : tf.tensor(c[k] as number[], c[`${k}_shape`] as number[]));
  if (c.kind === 'loss') {
    const l = losses.deserialize({ class_name: c.cls, config: c.kwargs }) as losses.Loss;
    const [yt, yp, sw] = [t('yt')!, t('yp')!, t('sw')];
    const out = l.apply(yt, yp, sw);
    const v = Array.from(out.dataSync());
    tf.dispose([yt, yp, out, ...(sw ? [sw] : [])]);
    return v;
  }
  const m = metrics.deserialize({ class_name: c.cls, config: c.kwargs }) as metrics.Metric;
  for (let i = 0; i < (c.batches ?? 0); i++) {
    const [yt, yp, sw] = [t(`yt${i}`)!, t(`yp${i}`)!, t(`sw${i}`)];
    m.updateState(yt, yp, sw);
    tf.dispose([yt, yp, ...(sw ? [sw] : [])]);
  }
  const out = m.result();
  const v = Array.from(out.dataSync());
  out.dispose();
  m.dispose();
  return v;
}

describe.skipIf(!oracle)('live cross-check against Keras 3 (numpy backend), fresh random inputs', () => {
  beforeAll(async () => {
    await tf.ready();
  });
  it('losses and multi-batch metrics agree within 1e-5', () => {
    const seed = Date.now() % 100000;
    const cases = build(seed);
    const dir = mkdtempSync(join(tmpdir(), 'keras-ts-lm-'));
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    let expected: number[][];
    try {
      const stdout = oracle!.run(PY, { env: { KERAS_BACKEND: 'numpy' }, args: [file], timeoutMs: 50_000 });
      expected = JSON.parse(stdout.trim().split('\n').pop()!) as number[][];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const start = tf.memory().numTensors;
    cases.forEach((c, i) => {
      const got = ours(c);
      expect(got.length, `${c.cls} (seed ${seed})`).toBe(expected[i].length);
      got.forEach((g, j) => {
        const e = expected[i][j];
        expect(Math.abs(g - e) <= 1e-5 + 1e-5 * Math.abs(e), `${c.cls} ${JSON.stringify(c.kwargs)} [${j}]: ${g} vs ${e} (seed ${seed})`).toBe(true);
      });
    });
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);
});
