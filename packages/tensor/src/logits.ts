/**
 * The logits behind a softmax or sigmoid output, as tf.keras 2 keeps them (`output._keras_logits`, and in
 * `fit`'s graph the Softmax/Sigmoid op's input): its crossentropies then compute from the logits
 * (`softmax_cross_entropy_with_logits`, `sigmoid_cross_entropy_with_logits`) instead of clipping the
 * probabilities. That is both its numerics (no `epsilon` floor on the loss) and far fewer ops per step.
 *
 * The activations record the pair; the losses look it up. A weak map: the record lives as long as the output
 * tensor object, and logits freed since (e.g. by `tidy` in `predict`) are not used.
 */
import { keep } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

export type LogitsKind = 'softmax' | 'sigmoid';

interface LogitsRecord {
  logits: Tensor;
  kind: LogitsKind;
  /** The softmax's axis (non-negative); -1 for sigmoid. */
  axis: number;
}

const records = new WeakMap<Tensor, LogitsRecord>();

/**
 * Notes that `output` is `softmax(logits, axis)` or `sigmoid(logits)`. With `owned`, `logits` is an
 * intermediate of the caller's (e.g. made inside its `tidy`): it is then kept from its scope and disposed
 * with `output` instead, so that it lives exactly as long as the output it explains.
 */
export function recordLogits(output: Tensor, logits: Tensor, kind: LogitsKind, axis = -1, owned = false): void {
  if (output === logits || output.rank !== logits.rank || records.has(output)) return;
  if (owned) {
    keep(logits);
    const disposeOutput = output.dispose.bind(output);
    Object.defineProperty(output, 'dispose', {
      configurable: true,
      writable: true,
      value: () => {
        disposeOutput();
        logits.dispose();
      },
    });
  }
  records.set(output, { logits, kind, axis: kind === 'sigmoid' ? -1 : axis < 0 ? axis + output.rank : axis });
}

/**
 * The logits `output` was computed from by `kind` (over `axis` for softmax), or null: none recorded, another
 * activation or axis, or the logits were disposed.
 */
export function logitsOf(output: Tensor, kind: LogitsKind, axis = -1): Tensor | null {
  const r = records.get(output);
  if (r === undefined || r.kind !== kind || r.logits.isDisposed) return null;
  if (kind === 'softmax' && r.axis !== (axis < 0 ? axis + output.rank : axis)) return null;
  return r.logits;
}
