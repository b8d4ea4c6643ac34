/** Decoupled weight decay (`v -= v * weightDecay * lr`) and the variables excluded from it. */
import * as tf from '@keras-ts/tensor';
import { variableInfo } from '@keras-ts/tensor';

export class WeightDecayExclusions {
  private vars = new Set<tf.Variable>();
  private pattern: RegExp | null = null;

  /** Excludes the variables listed, and those whose name matches any of `varNames` (regular expressions, as Keras). */
  set(options: { varList?: tf.Variable[]; varNames?: string[] }): void {
    this.vars = new Set(options.varList ?? []);
    this.pattern = options.varNames && options.varNames.length > 0 ? new RegExp(options.varNames.join('|')) : null;
  }

  applies(v: tf.Variable): boolean {
    if (this.vars.has(v)) return false;
    return !(this.pattern && this.pattern.test(variableInfo(v).name));
  }
}

/** Applies weight decay to `vars` (call inside the step's `tidy`). */
export function applyWeightDecay(vars: tf.Variable[], lr: tf.Scalar, rate: tf.Scalar, exclusions: WeightDecayExclusions): void {
  for (const v of vars) {
    if (exclusions.applies(v)) v.assign(tf.sub(v, tf.mul(tf.mul(v, rate), lr)));
  }
}
