import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as metrics from './index.js';
import { type Batch, closeTo, reference, toT } from '../testing/reference.js';

const ref = reference();

function update(m: metrics.Metric, b: Batch, valuesOnly: boolean): void {
  const t = (valuesOnly ? [b.values!, b.sw] : [b.yt!, b.yp!, b.sw]).map((a) => (a ? toT(a) : undefined));
  if (valuesOnly) m.updateState(t[0]!, t[1]);
  else m.updateState(t[0]!, t[1], t[2]);
  tf.dispose(t.filter((x): x is tf.Tensor => x !== undefined));
}

describe.each(['wasm', 'cpu'] as const)(`metrics match Keras ${ref.keras_version} over several batches (test-data/reference.json) on %s`, (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  it.each(ref.metrics.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const start = tf.memory().numTensors;
    const m = metrics.deserialize({ class_name: c.class_name, config: c.config }) as metrics.Metric;
    expect(m).toBeInstanceOf(metrics.Metric);
    c.batches.forEach((b, i) => {
      update(m, b, c.values_only);
      const out = m.result();
      const r = closeTo(out, c.results[i]);
      expect(r.ok, `after batch ${i}: ${r.message}`).toBe(true);
      out.dispose();
    });
    m.resetState();
    update(m, c.after_reset, c.values_only);
    const out = m.result();
    const r = closeTo(out, c.after_reset_result);
    expect(r.ok, `after reset: ${r.message}`).toBe(true);
    out.dispose();
    m.dispose();
    const k3 = metrics.deserialize({ class_name: c.class_name, config: c.keras3_config }) as metrics.Metric;
    expect(k3).toBeInstanceOf(metrics.Metric);
    k3.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
