/** Helpers for the layers that wrap one built-in cell (SimpleRNN, GRU, LSTM, ConvLSTM2D). */
import type { ConfigDict } from '../serialization/registry.js';
import { serializeRegularizer, type Regularizer } from '../regularizers/regularizers.js';

const LAYER_ONLY = new Set(['name', 'trainable', 'inputShape', 'batchInputShape', 'batchShape', 'batchSize', 'inputDim', 'activityRegularizer',
  'returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll', 'timeMajor', 'zeroOutputForMask']);

/** The cell's options out of a layer's options (the cell gets Keras's fixed cell name). */
export function cellArgsOf<T extends object>(args: T, cellName: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!LAYER_ONLY.has(k)) out[k] = v;
  out.name = cellName;
  if ('trainable' in args) out.trainable = (args as { trainable?: boolean }).trainable;
  return out as T;
}

/** tf.keras 2's config of a cell-wrapping layer: the RNN keys, then the cell's options (no `cell`). */
export function mergedConfig(rnnConfig: ConfigDict, cellConfig: ConfigDict, activityRegularizer: Regularizer | null): ConfigDict {
  const { name: _n, trainable: _t, dtype: _d, batch_input_shape: _b, ...cellOptions } = cellConfig;
  return {
    ...rnnConfig,
    ...cellOptions,
    activity_regularizer: activityRegularizer ? serializeRegularizer(activityRegularizer) : null,
  };
}
