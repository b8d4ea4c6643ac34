/** Test helpers for the guide twins: random data as in the guide (`np.random.random((1000, 32))`). */
import { tf } from '../index.js';

export function random(shape: number[], seed?: number): import('@keras-ts/tensor').Tensor {
  return tf.randomUniform(shape, 0, 1, 'float32', seed);
}

/** A learnable version of the guide's random data: labels are a fixed function of the inputs. */
export function learnable(n: number, features = 32, classes = 10, seed = 1) {
  return tf.tidy(() => {
    const x = tf.randomUniform([n, features], 0, 1, 'float32', seed);
    const w = tf.randomNormal([features, classes], 0, 1, 'float32', 99);
    const y = tf.oneHot(tf.argMax(tf.matMul(x, w), -1), classes);
    return { x, y: tf.cast(y, 'float32') };
  });
}
