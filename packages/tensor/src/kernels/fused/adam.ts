/**
 * Adam's update of one variable as one loop over its storage, in place, on wasm and cpu (the op-by-op update
 * costs about 14 kernels and as many temporaries per variable, every step). Each operation is rounded to
 * float32 in the order the op-by-op update runs, so both give bitwise the same result:
 *   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2);  (amsgrad: vHat = max(vHat, v); v = vHat)
 *   variable -= (m * alpha) / (sqrt(v) + epsilon)
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { float32Storage } from './storage.js';

export interface AdamUpdate {
  variable: Variable;
  gradient: Tensor;
  m: Variable;
  v: Variable;
  /** With amsgrad: the running maximum of v. */
  vHat?: Variable;
  /** The step's float32 scalar `lr * sqrt(1 - beta2^t) / (1 - beta1^t)`. */
  alpha: Tensor;
  beta1: number;
  beta2: number;
  epsilon: number;
}

const f = Math.fround;

/**
 * Applies the update in place and returns true; returns false, changing nothing, when it cannot (another
 * backend, another dtype, or a buffer shared with another tensor): the caller then runs the op-by-op update.
 */
export function fusedAdamUpdate(u: AdamUpdate): boolean {
  const { variable, gradient, m, v, vHat, alpha } = u;
  const size = variable.size;
  if (gradient.size !== size || m.size !== size || v.size !== size || (vHat && vHat.size !== size)) return false;
  const a = float32Storage(alpha);
  const g = float32Storage(gradient);
  const p = float32Storage(variable, true);
  const ms = float32Storage(m, true);
  const vs = float32Storage(v, true);
  const hs = vHat ? float32Storage(vHat, true) : null;
  if (!a || a.length !== 1 || !g || !p || !ms || !vs || (vHat && !hs)) return false;
  const alphaValue = a[0]!;
  const c1 = f(1 - u.beta1);
  const c2 = f(1 - u.beta2);
  const eps = f(u.epsilon);
  for (let i = 0; i < size; i++) {
    const gi = g[i]!;
    const mi = f(ms[i]! + f(f(gi - ms[i]!) * c1));
    let vi = f(vs[i]! + f(f(f(gi * gi) - vs[i]!) * c2));
    ms[i] = mi;
    vs[i] = vi;
    if (hs) {
      vi = Math.max(hs[i]!, vi); // NaN when either is NaN, like tf.maximum
      hs[i] = vi;
    }
    p[i] = f(p[i]! - f(f(mi * alphaValue) / f(f(Math.sqrt(vi)) + eps)));
  }
  return true;
}
