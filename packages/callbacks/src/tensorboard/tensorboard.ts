/**
 * `TensorBoard`: writes the epoch logs of `fit` as TensorBoard scalars, `epoch_loss`, `epoch_accuracy`, ... under
 * `<logDir>/train` and `<logDir>/validation` (the `val_` prefix dropped), as Keras's callback lays them out.
 * `updateFreq: 'batch'` or a number also writes `batch_*` scalars every that many batches.
 */
import { join } from 'node:path';
import { Callback, type Logs } from '../callback.js';
import { EventFileWriter } from './event-file-writer.js';

export interface TensorBoardOptions {
  logDir?: string;
  updateFreq?: 'epoch' | 'batch' | number;
  /** Write the model's config as a text summary named "keras" (when the model can produce one). */
  writeGraph?: boolean;
}

export class TensorBoard extends Callback {
  readonly logDir: string;
  readonly updateFreq: 'epoch' | number;
  readonly writeGraph: boolean;
  private trainWriter: EventFileWriter | null = null;
  private valWriter: EventFileWriter | null = null;
  private globalBatch = 0;
  override readonly wantsBatchLogs: boolean;

  constructor(opts: TensorBoardOptions = {}) {
    super();
    this.logDir = opts.logDir ?? 'logs';
    this.updateFreq = opts.updateFreq === 'batch' ? 1 : opts.updateFreq ?? 'epoch';
    this.writeGraph = opts.writeGraph ?? true;
    this.wantsBatchLogs = this.updateFreq !== 'epoch';
  }

  private get train(): EventFileWriter {
    return (this.trainWriter ??= new EventFileWriter(join(this.logDir, 'train')));
  }
  private get validation(): EventFileWriter {
    return (this.valWriter ??= new EventFileWriter(join(this.logDir, 'validation')));
  }

  override onTrainBegin(): void {
    this.globalBatch = 0;
    const m = this.model as unknown as { toJson?: () => string };
    if (this.writeGraph && typeof m.toJson === 'function') {
      try {
        this.train.text('keras', m.toJson(), 0);
      } catch {
        // subclassed models have no config: nothing to write
      }
    }
  }

  override onTrainBatchEnd(_batch: number, logs: Logs = {}): void {
    this.globalBatch++;
    if (this.updateFreq === 'epoch' || this.globalBatch % this.updateFreq !== 0) return;
    for (const [k, v] of Object.entries(logs)) this.train.scalar(`batch_${k}`, v, this.globalBatch);
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    for (const [k, v] of Object.entries(logs)) {
      if (k.startsWith('val_')) this.validation.scalar(`epoch_${k.slice(4)}`, v, epoch);
      else this.train.scalar(`epoch_${k}`, v, epoch);
    }
  }
}
