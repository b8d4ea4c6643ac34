/**
 * Adam's update of one variable as one pass over its storage, in place, on wasm (our SIMD kernel, see
 * assembly/adam.ts) and cpu (a loop here). The op-by-op update costs about 14 kernels and as many temporaries
 * per variable, every step. Each operation is rounded to float32 in the order the op-by-op update runs, so
 * both give bitwise the same result:
 *   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2);  (amsgrad: vHat = max(vHat, v); v = vHat)
 *   variable -= (m * alpha) / (sqrt(v) + epsilon)
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd.js';
import { markWritten, storageOf, view, writable, type Storage } from './storage.js';

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

function loop(p: Float32Array, g: Float32Array, ms: Float32Array, vs: Float32Array, hs: Float32Array | null, alpha: number, c1: number, c2: number, eps: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = f(ms[i]! + f(f(gi - ms[i]!) * c1));
    let vi = f(vs[i]! + f(f(f(gi * gi) - vs[i]!) * c2));
    ms[i] = mi;
    vs[i] = vi;
    if (hs) {
      vi = Math.max(hs[i]!, vi); // NaN when either is NaN, like tf.maximum
      hs[i] = vi;
    }
    p[i] = f(p[i]! - f(f(mi * alpha) / f(f(Math.sqrt(vi)) + eps)));
  }
}

/**
 * Applies the update in place and returns true; returns false, changing nothing, when it cannot (another
 * backend, another dtype, or a buffer shared with another tensor): the caller then runs the op-by-op update.
 */
export function fusedAdamUpdate(u: AdamUpdate): boolean {
  const { variable, gradient, m, v, vHat, alpha } = u;
  const size = variable.size;
  if (gradient.size !== size || m.size !== size || v.size !== size || (vHat && vHat.size !== size)) return false;
  const a = storageOf(alpha);
  const g = storageOf(gradient);
  const p = storageOf(variable, true);
  const ms = storageOf(m, true);
  const vs = storageOf(v, true);
  const hs = vHat ? storageOf(vHat, true) : null;
  if (!a || alpha.size !== 1 || !g || !p || !ms || !vs || (vHat && !hs)) return false;
  const alphaValue = view(a)[0]!;
  const c1 = f(1 - u.beta1);
  const c2 = f(1 - u.beta2);
  const eps = f(u.epsilon);
  const simd = p.kind === 'wasm' ? simdKernels(p.backend) : null;
  if (simd) {
    const at = (s: Storage | null) => (s && s.kind === 'wasm' ? s.offset : 0);
    simd.adam(at(p), at(g), at(ms), at(vs), at(hs), size, alphaValue, c1, c2, eps);
  } else {
    loop(writable(p), view(g), writable(ms), writable(vs), hs ? writable(hs) : null, alphaValue, c1, c2, eps);
  }
  for (const s of [p, ms, vs, hs]) if (s) markWritten(s);
  return true;
}
