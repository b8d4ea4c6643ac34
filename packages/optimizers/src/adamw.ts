/**
 * `AdamW`: Adam with decoupled weight decay (Loshchilov & Hutter). As in Keras 3, it is Adam whose
 * `weightDecay` defaults to 0.004 and may not be null; the base applies
 * `variable -= variable * weightDecay * lr` before each Adam update. Slots as Adam.
 */
import { ValueError } from '@keras-ts/tensor';
import { Adam, type AdamOptions } from './adam.js';

export class AdamW extends Adam {
  override readonly className: string = 'AdamW';

  constructor(options: AdamOptions = {}) {
    if (options.weightDecay === null) {
      throw new ValueError('AdamW: argument `weight_decay` must be a number. Received: weight_decay=None');
    }
    super({ ...options, weightDecay: options.weightDecay ?? 0.004 });
  }
}
