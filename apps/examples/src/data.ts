/**
 * A learnable synthetic classification problem (no downloads): 10 Gaussian clusters in 32 dimensions,
 * one-hot labels. Deterministic for a given seed.
 */
import { tf } from 'keras-ts';

export function makeBlobs(n: number, opts: { features?: number; classes?: number; seed?: number; spread?: number } = {}) {
  const { features = 32, classes = 10, seed = 42, spread = 3 } = opts;
    // The clusters are the same for every split; only the samples depend on `seed`.
  return tf.tidy(() => {
    const centers = tf.randomNormal([classes, features], 0, 2, 'float32', 7);
    const labels = tf.randomUniform([n], 0, classes, 'int32', seed + 1);
    const noise = tf.randomNormal([n, features], 0, spread, 'float32', seed + 2);
    const x = tf.add(tf.gather(centers, labels), noise);
    const y = tf.oneHot(labels, classes);
    return { x, y: tf.cast(y, 'float32') };
  });
}
