/**
 * @keras-ts/tensor: the backend interface of keras-ts, and the ops.
 *
 * Every tfjs-core op and type is re-exported here, so that no user (and no keras-ts package) imports
 * tfjs-core directly. Backend selection is ours: see `setBackend`, `ready`, `registerBackend`.
 */
export * from '@tensorflow/tfjs-core';
export {
  setBackend,
  getBackend,
  ready,
  registerBackend,
  defaultBackendName,
  isBackendAvailable,
  loadNativeBackend,
  onBackendReady,
  NATIVE_PACKAGES,
} from './backend.js';
export type { BackendName } from './backend.js';
export { GradientTape } from './gradient-tape.js';
export type { GradientTapeOptions } from './gradient-tape.js';
export {
  KerasError,
  ValueError,
  ShapeError,
  NotFoundError,
  BackendNotInstalledError,
  BackendInitError,
  RuntimeError,
  NotImplementedError,
  FileFormatError,
} from './errors.js';
export { recordLogits, logitsOf } from './logits.js';
export type { LogitsKind } from './logits.js';
export { makeVariable, variableInfo, disposeVariable } from './variables.js';
export type { VariableInfo, MakeVariableOptions } from './variables.js';
export { setThreadsCount, getThreadsCount, threadsFailure, MAX_WASM_THREADS, fusedAdamUpdate, conv2dWithBias, lstmCell, lstmSequence, gruSequence, denseWithBias, reluGrad } from './kernels/index.js';
export type { AdamUpdate, Conv2DWithBiasOptions } from './kernels/index.js';
