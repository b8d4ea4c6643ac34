/** `Activation`: applies an activation function. */
import type * as tf from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { activateRecordingLogits, getActivation, serializeActivation, type ActivationFn, type ActivationIdentifier } from '../activations/activations.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export class Activation extends Layer {
  static override className = 'Activation';
  readonly activation: ActivationFn;
  constructor(activation: ActivationIdentifier, args: LayerArgs = {}) {
    super(args);
    this.activation = getActivation(activation);
    this.supportsMasking = true;
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    // The input is the caller's: recorded as the output's logits, not owned.
    return activateRecordingLogits(this.activation, Array.isArray(inputs) ? inputs[0] : inputs, false);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }
  static override fromConfig(config: ConfigDict): Activation {
    return new Activation(config.activation as string, camelizeKeys(config));
  }
}
