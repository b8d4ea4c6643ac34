/**
 * tfjs-core's Node bundle leaves out the chained tensor methods (`x.flatten()`, `x.reshape(...)`, ...) that the
 * union package `@tensorflow/tfjs` registers and that tfjs-layers calls (its LSTM initializers do). The stock
 * bench side adds them the way tfjs defines them: a method that calls the functional op with the tensor first.
 */
import type { Tf } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function installChainedOps(tf: Tf): void {
  const proto = (tf.Tensor as Any).prototype;
  const ops = tf as unknown as Record<string, Any>;
  const define = (name: string, fn: (this: Any, ...a: Any[]) => Any) => {
    if (typeof proto[name] !== 'function') proto[name] = fn;
  };
  define('flatten', function () { return ops.reshape(this, [this.size]); });
  define('asScalar', function () { return ops.reshape(this, []); });
  define('as1D', function () { return ops.reshape(this, [this.size]); });
  define('as2D', function (r, c) { return ops.reshape(this, [r, c]); });
  define('as3D', function (r, c, d) { return ops.reshape(this, [r, c, d]); });
  define('as4D', function (r, c, d, e) { return ops.reshape(this, [r, c, d, e]); });
  define('asType', function (dtype) { return ops.cast(this, dtype); });
  define('toFloat', function () { return ops.cast(this, 'float32'); });
  define('toInt', function () { return ops.cast(this, 'int32'); });
  define('toBool', function () { return ops.cast(this, 'bool'); });
  for (const [name, op] of Object.entries(ops)) {
    if (typeof op !== 'function' || /^[A-Z]/.test(name) || name in proto) continue;
    define(name, function (...args) { return op(this, ...args); });
  }
}
