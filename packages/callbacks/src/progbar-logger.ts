/** `ProgbarLogger`: prints `Epoch 1/10` and the progress bar during `fit`/`evaluate`/`predict`. */
import { Callback, type Logs } from './callback.js';
import { Progbar } from './progbar.js';

export interface ProgbarLoggerOptions {
  stream?: { write(s: string): unknown; isTTY?: boolean };
}

export class ProgbarLogger extends Callback {
  private bar: Progbar | null = null;
  private seen = 0;
  private epochs = 1;
  private verbose = 1;
  private stream: ProgbarLoggerOptions['stream'];
  /** Set by the trainer: reads current metric values (a device sync), throttled by the bar's interval. */
  readLogs: (() => Logs) | null = null;
  private lastRead = 0;
  private lastValues: Array<[string, number]> = [];

  constructor(opts: ProgbarLoggerOptions = {}) {
    super();
    this.stream = opts.stream ?? process.stdout;
  }

  override setParams(params: Record<string, unknown>): void {
    super.setParams(params);
    this.verbose = (params.verbose as number) ?? 1;
    this.epochs = (params.epochs as number) ?? 1;
  }

  private reset(target: number | null): void {
    this.seen = 0;
    this.bar = new Progbar({ target, verbose: this.verbose, stream: this.stream });
  }

  override onEpochBegin(epoch: number): void {
    if (this.verbose && this.epochs > 1) this.stream!.write(`Epoch ${epoch + 1}/${this.epochs}\n`);
    this.reset((this.params.steps as number) ?? null);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.batchUpdate(batch, logs);
  }
  override onTestBegin(): void {
    if (!this.inFit()) this.reset((this.params.steps as number) ?? null);
  }
  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.inFit()) this.batchUpdate(batch, logs);
  }
  override onTestEnd(logs?: Logs): void {
    if (!this.inFit()) this.finalize(logs);
  }
  override onPredictBegin(): void {
    this.reset((this.params.steps as number) ?? null);
  }
  override onPredictBatchEnd(batch: number): void {
    this.batchUpdate(batch);
  }
  override onPredictEnd(): void {
    this.finalize({});
  }
  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.finalize(logs);
  }

  private inFit(): boolean {
    return this.params.mode === 'fit';
  }

  private batchUpdate(batch: number, logs?: Logs): void {
    this.seen = batch + 1;
    if (!this.bar || this.verbose !== 1) return;
    const now = Date.now();
    if (logs && Object.keys(logs).length) this.lastValues = Object.entries(logs);
    else if (this.readLogs && now - this.lastRead > 100) {
      this.lastRead = now;
      this.lastValues = Object.entries(this.readLogs());
    }
    if (this.bar.target == null || this.seen < this.bar.target) this.bar.update(this.seen, this.lastValues, false);
  }

  private finalize(logs: Logs = {}): void {
    if (!this.bar || !this.verbose) return;
    const target = this.bar.target ?? this.seen;
    this.bar.update(target, Object.entries(logs), true);
    this.bar = null;
  }
}
