/**
 * `ConvLSTM2D`: the recurrent layer over a {@link ConvLSTM2DCell}, on `[batch, time, rows, cols, channels]`
 * (or `[batch, time, channels, rows, cols]` with `dataFormat: 'channels_first'`).
 */
import * as tf from '@keras-ts/tensor';
import { RNN, type RNNArgs } from './rnn.js';
import { ConvLSTM2DCell, type ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';
import { cellArgsOf, mergedConfig } from './rnn-layer-config.js';
import type { CallArgs } from '../engine/layer.js';
import { InputSpec } from '../engine/input-spec.js';
import type { Shape } from '../engine/shape.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type ConvLSTM2DArgs = ConvLSTM2DCellArgs & RNNArgs;

const toLast = (s: Shape): Shape => [s[0], s[1], s[3], s[4], s[2]];

export class ConvLSTM2D extends RNN {
  static override className = 'ConvLSTM2D';
  declare readonly cell: ConvLSTM2DCell;

  constructor(filters: number, kernelSize: number | number[], args: ConvLSTM2DArgs = {}) {
    super(new ConvLSTM2DCell(filters, kernelSize, cellArgsOf(args, 'conv_lstm2d_cell')), args);
    this.inputSpec = new InputSpec({ ndim: 5 });
  }

  get filters(): number {
    return this.cell.filters;
  }
  private get channelsFirst(): boolean {
    return this.cell.dataFormat === 'channels_first';
  }

  override build(inputShape: Shape | Shape[]): void {
    const x = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const cl = this.channelsFirst && x.length === 5 ? toLast(x) : x;
    super.build(cl);
    this.inputSpec = new InputSpec({ ndim: 5, axes: this.channelsFirst ? { 2: x[2] as number } : { [-1]: x[4] as number } });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: CallArgs): tf.Tensor | tf.Tensor[] {
    if (!this.channelsFirst) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const given = kwargs.initialState as tf.Tensor | tf.Tensor[] | undefined | null;
      const states = (given ? (Array.isArray(given) ? given : [given]) : list.slice(1)).map((s) => tf.transpose(s, [0, 2, 3, 1]));
      const x = tf.transpose(list[0], [0, 1, 3, 4, 2]);
      const out = super.call([x, ...states], { ...kwargs, initialState: undefined });
      const back = (t: tf.Tensor) => (t.rank === 5 ? tf.transpose(t, [0, 1, 4, 2, 3]) : tf.transpose(t, [0, 3, 1, 2]));
      return Array.isArray(out) ? out.map(back) : back(out);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const x = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const cl = this.channelsFirst ? toLast(x) : x;
    const [r, c] = this.cell.outputSpatial(cl[2], cl[3]);
    const F = this.filters;
    const img: Shape = this.channelsFirst ? [cl[0], F, r, c] : [cl[0], r, c, F];
    const out: Shape = this.returnSequences ? [img[0], cl[1], ...img.slice(1)] : img;
    return this.returnState ? [out, img, [...img]] : out;
  }

  override getConfig(): ConfigDict {
    return mergedConfig(this.rnnConfig(), this.cell.getConfig(), this.activityRegularizer);
  }

  static override fromConfig(config: ConfigDict): ConvLSTM2D {
    return new ConvLSTM2D(config.filters as number, config.kernel_size as number[], camelizeKeys(config) as ConvLSTM2DArgs);
  }
}
