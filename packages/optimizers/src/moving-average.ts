/**
 * The weight EMA of Keras optimizers (`use_ema`), run inside the step's `tidy` after the updates and before
 * `iterations` is incremented:
 *   m = emaMomentum (0 on the very first step);  average = m * average + (1 - m) * variable
 * and, every `overwriteFrequency` steps, variable = average (branch-free, as Keras does on JAX).
 */
import * as tf from '@keras-ts/tensor';

export interface MovingAverageState {
  /** The step count of the update rules (int32 scalar). */
  iterations: tf.Tensor;
  variables: tf.Variable[];
  averages: tf.Variable[];
  momentum: number;
  overwriteFrequency: number | null;
}

export function updateMovingAverages({ iterations, variables, averages, momentum, overwriteFrequency }: MovingAverageState): void {
  const m = tf.mul(tf.cast(tf.notEqual(iterations, 0), 'float32'), momentum);
  const oneMinus = tf.sub(1, m);
  variables.forEach((v, i) => {
    const avg = averages[i]!;
    avg.assign(tf.add(tf.mul(m, avg), tf.mul(oneMinus, v)));
  });
  if (overwriteFrequency === null) return;
  const overwrite = tf.equal(tf.mod(tf.add(iterations, 1), overwriteFrequency), 0);
  const yes = tf.cast(overwrite, 'float32');
  const no = tf.cast(tf.logicalNot(overwrite), 'float32');
  variables.forEach((v, i) => v.assign(tf.add(tf.mul(averages[i]!, yes), tf.mul(v, no))));
}
