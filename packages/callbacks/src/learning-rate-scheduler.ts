/** `LearningRateScheduler`: sets the optimizer's learning rate at the start of each epoch from `schedule(epoch, lr)`. */
import { Callback } from './callback.js';

export class LearningRateScheduler extends Callback {
  constructor(
    readonly schedule: (epoch: number, lr: number) => number,
    readonly verbose = 0,
  ) {
    super();
  }
  override onEpochBegin(epoch: number): void {
    const opt = this.model.optimizer as { learningRate: number } | undefined;
    if (!opt || typeof opt.learningRate !== 'number') throw new TypeError('LearningRateScheduler: the optimizer must have a numeric `learningRate`.');
    const lr = this.schedule(epoch, opt.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) throw new TypeError(`The output of the "schedule" function should be a finite number. Got: ${lr}`);
    opt.learningRate = lr;
    if (this.verbose) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }
  override onEpochEnd(_epoch: number, logs: Record<string, number> = {}): void {
    logs.learning_rate = (this.model.optimizer as { learningRate: number }).learningRate;
  }
}
