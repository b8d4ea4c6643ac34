/**
 * `Callback`: hooks into `fit`/`evaluate`/`predict`. Callbacks see the model through the small
 * {@link CallbackModel} interface (declared here, so that this package does not depend on the models package).
 */
export type Logs = Record<string, number>;

/** What a callback may use of the model. */
export interface CallbackModel {
  stopTraining: boolean;
  name: string;
  optimizer?: unknown;
  save?(path: string, options?: Record<string, unknown>): Promise<void>;
  saveWeights?(path: string, options?: Record<string, unknown>): Promise<void>;
  getWeights?(): unknown[];
  setWeights?(weights: unknown[]): void;
}

export interface CallbackParams {
  epochs?: number;
  steps?: number | null;
  verbose?: number;
  samples?: number | null;
  [k: string]: unknown;
}

export abstract class Callback {
  model!: CallbackModel;
  params: CallbackParams = {};
  /** Set to true by callbacks that read per-batch logs (they cost a device sync per batch). */
  readonly wantsBatchLogs: boolean = false;
  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: CallbackParams): void {
    this.params = params;
  }
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBegin(_logs?: Logs): void | Promise<void> {}
  onTestEnd(_logs?: Logs): void | Promise<void> {}
  onTestBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBegin(_logs?: Logs): void | Promise<void> {}
  onPredictEnd(_logs?: Logs): void | Promise<void> {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

type Hook = Exclude<keyof Callback, 'model' | 'params' | 'setModel' | 'setParams' | 'wantsBatchLogs'>;

/** Calls every callback's hook in order, awaiting those that return promises. */
export class CallbackList {
  constructor(readonly callbacks: Callback[]) {}
  get wantsBatchLogs(): boolean {
    return this.callbacks.some((c) => c.wantsBatchLogs);
  }
  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) c.setModel(model);
  }
  setParams(params: CallbackParams): void {
    for (const c of this.callbacks) c.setParams(params);
  }
  async call(hook: Hook, ...args: unknown[]): Promise<void> {
    for (const c of this.callbacks) {
      const r = (c[hook] as (...a: unknown[]) => void | Promise<void>).apply(c, args);
      if (r instanceof Promise) await r;
    }
  }
}

/** A callback from plain functions: `new LambdaCallback({ onEpochEnd: (epoch, logs) => ... })`. */
export class LambdaCallback extends Callback {
  constructor(hooks: Partial<Pick<Callback, Hook>>) {
    super();
    Object.assign(this, hooks);
  }
}
