/** `LSTM`: the RNN layer over an {@link LSTMCell} (weights kernel, recurrent_kernel, bias; gates i, f, c, o). */
import { RNN, type RNNArgs } from './rnn.js';
import { LSTMCell, type LSTMCellArgs } from './lstm-cell.js';
import { cellArgsOf, mergedConfig } from './rnn-layer-config.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type LSTMArgs = LSTMCellArgs & RNNArgs;

export class LSTM extends RNN {
  static override className = 'LSTM';
  declare readonly cell: LSTMCell;

  constructor(units: number, args: LSTMArgs = {}) {
    super(new LSTMCell(units, cellArgsOf(args, 'lstm_cell')), args);
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): ConfigDict {
    return mergedConfig(this.rnnConfig(), this.cell.getConfig(), this.activityRegularizer);
  }

  static override fromConfig(config: ConfigDict): LSTM {
    return new LSTM(config.units as number, camelizeKeys(config) as LSTMArgs);
  }
}
