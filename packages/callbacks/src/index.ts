/** @keras-ts/callbacks: the Callback interface, History, the progress bar, and Keras's standard callbacks. */
export { Callback, CallbackList, LambdaCallback } from './callback.js';
export type { Logs, CallbackModel, CallbackParams } from './callback.js';
export { History } from './history.js';
export { Progbar } from './progbar.js';
export type { ProgbarOptions } from './progbar.js';
export { ProgbarLogger } from './progbar-logger.js';
export type { ProgbarLoggerOptions } from './progbar-logger.js';
export { EarlyStopping } from './early-stopping.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export { LearningRateScheduler } from './learning-rate-scheduler.js';
export { ModelCheckpoint, formatPath } from './model-checkpoint.js';
export type { ModelCheckpointOptions } from './model-checkpoint.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export type { MonitorMode } from './monitor.js';
export { TensorBoard } from './tensorboard/tensorboard.js';
export type { TensorBoardOptions } from './tensorboard/tensorboard.js';
export { EventFileWriter, frameRecord } from './tensorboard/event-file-writer.js';
