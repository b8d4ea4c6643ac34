/** `SimpleRNN`: the RNN layer over a {@link SimpleRNNCell} (weights kernel, recurrent_kernel, bias). */
import { RNN, type RNNArgs } from './rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';
import { cellArgsOf, mergedConfig } from './rnn-layer-config.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type SimpleRNNArgs = SimpleRNNCellArgs & RNNArgs;

export class SimpleRNN extends RNN {
  static override className = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(units: number, args: SimpleRNNArgs = {}) {
    super(new SimpleRNNCell(units, cellArgsOf(args, 'simple_rnn_cell')), args);
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): ConfigDict {
    return mergedConfig(this.rnnConfig(), this.cell.getConfig(), this.activityRegularizer);
  }

  static override fromConfig(config: ConfigDict): SimpleRNN {
    return new SimpleRNN(config.units as number, camelizeKeys(config) as SimpleRNNArgs);
  }
}
