/** `TerminateOnNaN`: stops training when the loss becomes NaN or infinite. */
import { Callback, type Logs } from './callback.js';

export class TerminateOnNaN extends Callback {
  override readonly wantsBatchLogs = true;
  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      console.log(`Batch ${batch}: Invalid loss, terminating training`);
      this.model.stopTraining = true;
    }
  }
}
