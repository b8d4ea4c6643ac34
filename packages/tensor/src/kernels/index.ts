/**
 * keras-ts training kernels, registered into tfjs-core's kernel registry on import: fast transposed matmul,
 * convolution and depthwise backprops on wasm (patch matrices + the backend's own XNNPack matmul/convolution),
 * pooling gradients and UnsortedSegmentSum on wasm and cpu, a fast cpu `Conv2DBackpropFilter`, every other cpu
 * kernel wasm lacks bridged to wasm, and the multi-threaded wasm backend for Node.
 */
import { registerWasmMatMul } from './wasm/batch-mat-mul.js';
import { registerWasmConv2DBackprop } from './wasm/conv2d-backprop.js';
import { registerWasmDepthwiseBackprop } from './wasm/depthwise-backprop.js';
import { registerSegmentSum } from './segment-sum.js';
import { registerPoolGrads } from './pool-grad.js';
import { registerCpuConv2DBackpropFilter } from './cpu/conv2d-backprop-filter.js';
import { registerCpuBridge } from './wasm/cpu-bridge.js';
import { registerWasmGather } from './wasm/gather.js';
import { installThreadedWasm } from './threads.js';
import { registerWasmSharing } from './wasm/share.js';
import { registerSum } from './sum.js';
import { registerWasmSlices } from './wasm/slice.js';
import { registerConv2DWithBias } from './fused/conv2d.js';
import { registerLstmCell } from './fused/lstm.js';
import { registerLstmSequence } from './fused/lstm-sequence.js';
import { registerGruSequence } from './fused/gru-sequence.js';
import { registerDenseWithBias } from './fused/dense.js';
import { registerReluGrad } from './fused/relu-grad.js';
import { registerWasmSmallOps } from './wasm/small-ops.js';

export { fusedAdamUpdate, type AdamUpdate } from './fused/adam.js';
export { conv2dWithBias, type Conv2DWithBiasOptions } from './fused/conv2d.js';
export { lstmCell } from './fused/lstm.js';
export { lstmSequence } from './fused/lstm-sequence.js';
export { gruSequence } from './fused/gru-sequence.js';
export { denseWithBias } from './fused/dense.js';
export { reluGrad } from './fused/relu-grad.js';
export { setThreadsCount, getThreadsCount, threadsFailure, MAX_WASM_THREADS } from './threads.js';

let registered = false;

/** Registers every keras-ts kernel (idempotent; runs on import). */
export function registerTrainingKernels(): void {
  if (registered) return;
  registered = true;
  registerWasmMatMul();
  registerWasmConv2DBackprop();
  registerWasmDepthwiseBackprop();
  registerSegmentSum();
  registerPoolGrads();
  registerCpuConv2DBackpropFilter();
  registerCpuBridge();
  registerWasmGather();
  registerWasmSharing();
  registerSum();
  registerWasmSlices();
  registerConv2DWithBias();
  registerLstmCell();
  registerLstmSequence();
  registerGruSequence();
  registerDenseWithBias();
  registerReluGrad();
  registerWasmSmallOps();
  installThreadedWasm();
}

registerTrainingKernels();
