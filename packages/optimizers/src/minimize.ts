/** `optimizer.minimize(lossFn, varList)`: gradients of `lossFn` with respect to `varList`, then one step. */
import * as tf from '@keras-ts/tensor';
import { ValueError, variableInfo } from '@keras-ts/tensor';

export interface Steppable {
  readonly className: string;
  applyGradients(gradsAndVars: Array<[tf.Tensor | null | undefined, tf.Variable]>): void;
}

export function minimize(optimizer: Steppable, lossFn: () => tf.Scalar, varList: tf.Variable[]): tf.Scalar {
  let result: { value: tf.Scalar; grads: tf.NamedTensorMap };
  try {
    // In a tidy, so that tfjs's loss value is freed when it throws (no variable connected).
    result = tf.tidy(() => tf.variableGrads(lossFn, varList) as unknown as tf.TensorContainer) as unknown as typeof result;
  } catch (e) {
    if (/Cannot find a connection/.test((e as Error).message)) {
      throw new ValueError(`${optimizer.className}.minimize: no gradients provided for any variable: the loss does not depend on ${varList.map((v) => `'${variableInfo(v).path}'`).join(', ')}.`);
    }
    throw e;
  }
  const { value, grads } = result;
  try {
    optimizer.applyGradients(varList.map((v) => [grads[v.name] ?? null, v]));
  } finally {
    tf.dispose(Object.values(grads));
  }
  return value;
}
