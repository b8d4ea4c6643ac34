/**
 * `TimeDistributed`: applies a layer to every temporal slice of `[batch, time, ...]` inputs (one call on the
 * `[batch*time, ...]` reshaped inputs), with one set of weights for all steps.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { shapeToString } from '../engine/shape.js';
import type { ConfigDict, CustomObjects, SerializedObject } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';
import { deserialize, serialize } from '../serialization/layer-serialization.js';

export class TimeDistributed extends Layer {
  static override className = 'TimeDistributed';
  readonly layer: Layer;

  constructor(layer: Layer, args: LayerArgs = {}) {
    super(args);
    if (!(layer instanceof Layer)) {
      throw new ValueError(`Please initialize \`TimeDistributed\` layer with a \`keras.layers.Layer\` instance. Received: ${String(layer)}`);
    }
    this.layer = layer;
    this.supportsMasking = true;
  }

  private innerShape(inputShape: Shape): Shape {
    if (inputShape.length < 3) {
      throw new ValueError(`\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${shapeToString(inputShape)}`);
    }
    const [b, t] = inputShape;
    return [b != null && t != null ? b * t : null, ...inputShape.slice(2)];
  }

  override build(inputShape: Shape): void {
    this.layer.maybeBuild(this.innerShape(inputShape));
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const [b, t] = x.shape as number[];
      const flat = tf.reshape(x, [b * t, ...x.shape.slice(2)]);
      const mask = Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask;
      const innerMask = mask && mask.rank > 2 ? tf.reshape(mask, [b * t, ...mask.shape.slice(2)]) : null;
      const y = this.layer.apply(flat, { training: kwargs.training, mask: innerMask }) as unknown as tf.Tensor;
      if (Array.isArray(y)) throw new ValueError(`TimeDistributed "${this.name}": the wrapped layer must return a single tensor.`);
      return tf.reshape(y, [b, t, ...y.shape.slice(1)]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const inner = this.layer.computeOutputShape(this.innerShape(inputShape)) as Shape;
    return [inputShape[0], inputShape[1], ...inner.slice(1)];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | Array<tf.Tensor | null> | null): tf.Tensor | null {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    if (!m || m.rank <= 2) return m;
    return tf.tidy(() => tf.any(tf.reshape(m, [m.shape[0], m.shape[1] as number, -1]), -1));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), layer: serialize(this.layer) };
  }

  static override fromConfig(config: ConfigDict, customObjects?: CustomObjects): TimeDistributed {
    const layer = deserialize(config.layer as SerializedObject, { customObjects });
    const { layer: _l, ...rest } = config;
    return new TimeDistributed(layer, camelizeKeys(rest) as LayerArgs);
  }
}
