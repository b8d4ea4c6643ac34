/** The recurrent family: the generic RNN layer, the cells, SimpleRNN/GRU/LSTM and ConvLSTM2D. */
import { registerLayer } from '../serialization/layer-serialization.js';
import { RNN } from './rnn.js';
import { SimpleRNNCell } from './simple-rnn-cell.js';
import { GRUCell } from './gru-cell.js';
import { LSTMCell } from './lstm-cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';
import { SimpleRNN } from './simple-rnn.js';
import { GRU } from './gru.js';
import { LSTM } from './lstm.js';
import { ConvLSTM2DCell } from './conv-lstm2d-cell.js';
import { ConvLSTM2D } from './conv-lstm2d.js';

registerLayer(RNN);
registerLayer(SimpleRNNCell);
registerLayer(GRUCell);
registerLayer(LSTMCell);
registerLayer(StackedRNNCells);
registerLayer(SimpleRNN);
registerLayer(GRU, 'GRUV2');
registerLayer(LSTM, 'LSTMV2');
registerLayer(ConvLSTM2DCell);
registerLayer(ConvLSTM2D);

export { RNN, SimpleRNNCell, GRUCell, LSTMCell, StackedRNNCells, SimpleRNN, GRU, LSTM, ConvLSTM2DCell, ConvLSTM2D };
export { RNNCell, isRNNCell } from './rnn-cell.js';
export type { StepResult } from './rnn-cell.js';
export type { RNNArgs } from './rnn.js';
export type { CellArgs, GatedCellArgs } from './cell-options.js';
export type { SimpleRNNCellArgs } from './simple-rnn-cell.js';
export type { GRUCellArgs } from './gru-cell.js';
export type { LSTMCellArgs } from './lstm-cell.js';
export type { SimpleRNNArgs } from './simple-rnn.js';
export type { GRUArgs } from './gru.js';
export type { LSTMArgs } from './lstm.js';
export type { ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';
export type { ConvLSTM2DArgs } from './conv-lstm2d.js';
