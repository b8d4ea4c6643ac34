/** `ActivityRegularization`: the identity, adding `l1*sum|x| + l2*sum(x^2)` (divided by the batch size) as a loss. */
import * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { L1L2 } from '../regularizers/regularizers.js';
import type { ConfigDict } from '../serialization/registry.js';

export interface ActivityRegularizationArgs extends Omit<LayerArgs, 'activityRegularizer'> {
  l1?: number;
  l2?: number;
}

export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;
  constructor(args: ActivityRegularizationArgs = {}) {
    const l1 = args.l1 ?? 0;
    const l2 = args.l2 ?? 0;
    super({ ...args, activityRegularizer: new L1L2({ l1, l2 }) });
    this.l1 = l1;
    this.l2 = l2;
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    return Array.isArray(inputs) ? inputs[0] : inputs;
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    const { activity_regularizer: _a, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
  static override fromConfig(config: ConfigDict): ActivityRegularization {
    return new ActivityRegularization({ name: config.name as string, trainable: config.trainable as boolean, dtype: config.dtype as string, l1: config.l1 as number, l2: config.l2 as number });
  }
}
