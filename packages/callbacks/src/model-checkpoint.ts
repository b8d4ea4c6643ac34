/**
 * `ModelCheckpoint`: saves the model (or its weights) after every epoch, or only when the monitored quantity
 * improved. `filepath` may use `{epoch}` and log names, e.g. `'weights.{epoch:02d}-{val_loss:.2f}.h5'`.
 */
import { Callback, type Logs } from './callback.js';
import { improvementOp, type MonitorMode } from './monitor.js';

export interface ModelCheckpointOptions {
  monitor?: string;
  verbose?: number;
  saveBestOnly?: boolean;
  saveWeightsOnly?: boolean;
  mode?: MonitorMode;
  /** 'epoch' (default) or a number of batches. */
  saveFreq?: 'epoch' | number;
}

/** Python-style `{name:fmt}` formatting of a file path with the epoch (1-based) and the logs. */
export function formatPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, key: string, fmt?: string) => {
    const value = key === 'epoch' ? epoch : logs[key];
    if (value === undefined) throw new Error(`ModelCheckpoint: the file path "${template}" uses "{${key}}", which is not in the logs (${Object.keys(logs).join(', ')}).`);
    if (!fmt) return String(value);
    const m = /^(0?)(\d*)(?:\.(\d+))?([dfe])?$/.exec(fmt);
    if (!m) return whole;
    const [, zero, width, prec, type] = m;
    let s = type === 'd' ? String(Math.round(value)) : type === 'e' ? value.toExponential(prec ? Number(prec) : 6) : prec !== undefined ? value.toFixed(Number(prec)) : String(value);
    if (width) s = s.padStart(Number(width), zero ? '0' : ' ');
    return s;
  });
}

export class ModelCheckpoint extends Callback {
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  readonly verbose: number;
  private better: (a: number, b: number) => boolean;
  private best: number;
  private batchesSinceSave = 0;
  private epoch = 0;

  constructor(readonly filepath: string, opts: ModelCheckpointOptions = {}) {
    super();
    this.monitor = opts.monitor ?? 'val_loss';
    this.saveBestOnly = opts.saveBestOnly ?? false;
    this.saveWeightsOnly = opts.saveWeightsOnly ?? false;
    this.saveFreq = opts.saveFreq ?? 'epoch';
    this.verbose = opts.verbose ?? 0;
    this.better = improvementOp(this.monitor, opts.mode ?? 'auto');
    this.best = this.better(1, 0) ? -Infinity : Infinity;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override async onTrainBatchEnd(_batch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    if (++this.batchesSinceSave >= this.saveFreq) {
      this.batchesSinceSave = 0;
      await this.save(this.epoch, logs);
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') await this.save(epoch, logs);
  }

  private async save(epoch: number, logs: Logs): Promise<void> {
    const path = formatPath(this.filepath, epoch + 1, logs);
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        console.warn(`Can save best model only with ${this.monitor} available, skipping.`);
        return;
      }
      if (!this.better(current, this.best)) {
        if (this.verbose) console.log(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best.toFixed(5)}`);
        return;
      }
      if (this.verbose) console.log(`\nEpoch ${epoch + 1}: ${this.monitor} improved from ${this.best.toFixed(5)} to ${current.toFixed(5)}, saving model to ${path}`);
      this.best = current;
    } else if (this.verbose) console.log(`\nEpoch ${epoch + 1}: saving model to ${path}`);
    if (this.saveWeightsOnly) {
      if (!this.model.saveWeights) throw new TypeError('ModelCheckpoint: the model cannot save weights.');
      await this.model.saveWeights(path, { overwrite: true });
    } else {
      if (!this.model.save) throw new TypeError('ModelCheckpoint: the model cannot be saved.');
      await this.model.save(path, { overwrite: true });
    }
  }
}
