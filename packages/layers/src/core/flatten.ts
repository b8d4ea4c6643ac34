/** `Flatten`: flattens all but the batch axis (channels_first inputs are moved to channels_last first, as Keras). */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type DataFormat = 'channels_last' | 'channels_first';

export function checkDataFormat(value: unknown, layer: string): DataFormat {
  const v = value ?? 'channels_last';
  if (v !== 'channels_last' && v !== 'channels_first') {
    throw new ValueError(`Layer "${layer}": the \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${JSON.stringify(value)}`);
  }
  return v;
}

export class Flatten extends Layer {
  static override className = 'Flatten';
  readonly dataFormat: DataFormat;
  constructor(args: LayerArgs & { dataFormat?: DataFormat } = {}) {
    super(args);
    this.dataFormat = checkDataFormat(args.dataFormat, this.name);
    this.inputSpec = new InputSpec({ minNdim: 1 });
  }
  call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallArgs): tf.Tensor {
    let x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      if (this.dataFormat === 'channels_first' && x.rank > 2) {
        x = tf.transpose(x, [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
      }
      if (x.rank === 1) return tf.reshape(x, [x.shape[0], 1]);
      return tf.reshape(x, [x.shape[0], -1]);
    });
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    if (rest.length === 0) return [inputShape[0], 1];
    return [inputShape[0], rest.some((d) => d == null) ? null : (rest as number[]).reduce((a, b) => a * b, 1)];
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
  static override fromConfig(config: ConfigDict): Flatten {
    return new Flatten(camelizeKeys(config));
  }
}
