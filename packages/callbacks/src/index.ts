/** @keras-ts/callbacks: the Callback interface, History and the progress bar. */
export { Callback, CallbackList, LambdaCallback } from './callback.js';
export type { Logs, CallbackModel, CallbackParams } from './callback.js';
export { History } from './history.js';
export { Progbar } from './progbar.js';
export type { ProgbarOptions } from './progbar.js';
export { ProgbarLogger } from './progbar-logger.js';
export type { ProgbarLoggerOptions } from './progbar-logger.js';
