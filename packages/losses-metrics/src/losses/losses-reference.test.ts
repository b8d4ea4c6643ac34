import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import * as losses from './index.js';
import { closeTo, reference, toT } from '../testing/reference.js';

const ref = reference();

describe.each(['wasm', 'cpu'] as const)(`losses match Keras ${ref.keras_version} (test-data/reference.json) on %s`, (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  it.each(ref.losses.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const start = tf.memory().numTensors;
    const loss = losses.deserialize({ class_name: c.class_name, config: c.config }) as losses.Loss;
    expect(loss).toBeInstanceOf(losses.Loss);
    const yt = toT(c.y_true);
    const yp = toT(c.y_pred);
    const sw = c.sample_weight ? toT(c.sample_weight) : undefined;
    const out = loss.apply(yt, yp, sw);
    const r = closeTo(out, c.expected);
    expect(r.ok, r.message).toBe(true);
    const per = loss.callWithMask(yt, yp);
    const r2 = closeTo(per.losses, c.per_sample);
    expect(r2.ok, r2.message).toBe(true);
    // The Keras 3 config (which may leave out fn arguments) still loads.
    expect(losses.deserialize({ class_name: c.class_name, config: c.keras3_config })).toBeInstanceOf(losses.Loss);
    tf.dispose([yt, yp, out, per.losses, per.mask ?? [], sw ?? []]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it.each(ref.loss_functions.map((c) => [c.name, c] as const))('function %s', (_, c) => {
    const start = tf.memory().numTensors;
    const fn = losses.get(c.name) as losses.LossFn;
    expect(typeof fn).toBe('function');
    const yt = toT(c.y_true);
    const yp = toT(c.y_pred);
    const out = fn(yt, yp);
    const r = closeTo(out, c.expected);
    expect(r.ok, r.message).toBe(true);
    tf.dispose([yt, yp, out]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
