/** `EarlyStopping`: stops training when a monitored quantity has stopped improving. */
import { Callback, type Logs } from './callback.js';
import { improvementOp, type MonitorMode } from './monitor.js';

export interface EarlyStoppingOptions {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  verbose?: number;
  mode?: MonitorMode;
  baseline?: number | null;
  restoreBestWeights?: boolean;
  startFromEpoch?: number;
}

export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  private better: (a: number, b: number) => boolean;
  private wait = 0;
  private best = Infinity;
  private bestWeights: unknown[] | null = null;
  stoppedEpoch = 0;
  bestEpoch = 0;

  constructor(opts: EarlyStoppingOptions = {}) {
    super();
    this.monitor = opts.monitor ?? 'val_loss';
    this.patience = opts.patience ?? 0;
    this.baseline = opts.baseline ?? null;
    this.restoreBestWeights = opts.restoreBestWeights ?? false;
    this.startFromEpoch = opts.startFromEpoch ?? 0;
    this.better = improvementOp(this.monitor, opts.mode ?? 'auto');
    const sign = this.better(1, 0) ? 1 : -1;
    this.minDelta = Math.abs(opts.minDelta ?? 0) * sign;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.better(1, 0) ? -Infinity : Infinity;
    this.bestWeights = null;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Early stopping conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.model.getWeights?.() ?? null;
    this.wait += 1;
    if (this.better(current - this.minDelta, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) {
        disposeAll(this.bestWeights);
        this.bestWeights = this.model.getWeights?.() ?? null;
      }
      if (this.baseline === null || this.better(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.params.verbose) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights && this.stoppedEpoch > 0) this.model.setWeights?.(this.bestWeights);
    disposeAll(this.bestWeights);
    this.bestWeights = null;
  }
}

function disposeAll(ws: unknown[] | null): void {
  for (const w of ws ?? []) (w as { dispose?: () => void }).dispose?.();
}
