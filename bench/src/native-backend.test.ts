/**
 * The CUDA / native path: with `@tensorflow/tfjs-node-gpu` (or `@tensorflow/tfjs-node`) installed, the bench
 * models train and predict on the `tensorflow` backend unchanged. Skipped (printing why) where neither is
 * installed, e.g. on machines without network access to download libtensorflow.
 */
import { describe, it, expect } from 'vitest';
import { keras, tf } from 'keras-ts';
import { kerasTsApi } from './api-keras-ts.js';
import { data, MODELS } from './models.js';
import type { Tf } from './harness.js';

describe('keras models on the native TensorFlow backend (CUDA when tfjs-node-gpu is installed)', () => {
  for (const name of MODELS.map((m) => m.name)) it(`trains and predicts the ${name} model unchanged`, async (ctx) => {
    const native = await tf.loadNativeBackend();
    if (native === null) {
      console.log(
        'skipped: neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed here (their install ' +
          'downloads libtensorflow); install one next to keras-ts to run the models on TensorFlow (CUDA with -gpu).',
      );
      ctx.skip();
      return;
    }
    await tf.setBackend('tensorflow');
    try {
      const spec = { ...MODELS.find((m) => m.name === name)!, batch: 16, samples: 32 };
      const model = kerasTsApi(keras)[spec.name]();
      const { x, y } = data(tf as unknown as Tf, spec, spec.samples);
      await model.fit(x, y, spec.batch);
      await model.fit(x, y, spec.batch);
      const p = model.predict(x, spec.batch) as unknown as tf.Tensor;
      expect(p.shape[0]).toBe(spec.samples);
      expect(Array.from(p.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([p, x, y]);
    } finally {
      await tf.setBackend('wasm');
    }
  }, 120_000);
});
