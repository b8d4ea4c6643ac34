/** `GRU`: the RNN layer over a {@link GRUCell} (weights kernel, recurrent_kernel, bias; gates z, r, h; `resetAfter` default true). */
import { RNN, type RNNArgs } from './rnn.js';
import { GRUCell, type GRUCellArgs } from './gru-cell.js';
import { cellArgsOf, mergedConfig } from './rnn-layer-config.js';
import type { ConfigDict } from '../serialization/registry.js';
import { camelizeKeys } from '../serialization/case.js';

export type GRUArgs = GRUCellArgs & RNNArgs;

export class GRU extends RNN {
  static override className = 'GRU';
  declare readonly cell: GRUCell;

  constructor(units: number, args: GRUArgs = {}) {
    super(new GRUCell(units, cellArgsOf(args, 'gru_cell')), args);
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): ConfigDict {
    return mergedConfig(this.rnnConfig(), this.cell.getConfig(), this.activityRegularizer);
  }

  static override fromConfig(config: ConfigDict): GRU {
    return new GRU(config.units as number, camelizeKeys(config) as GRUArgs);
  }
}
