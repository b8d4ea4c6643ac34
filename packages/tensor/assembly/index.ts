// keras-ts SIMD kernels for the wasm backend (AssemblyScript), compiled by scripts/build-simd.mjs.
export { adam } from './adam';
export { transpose } from './transpose';
export { lstmCell, lstmCellGrad, addInto } from './lstm';
export { gruCell, gruCellGrad } from './gru';
export { gemm } from './gemm';
export { maxPoolGrad } from './pool-grad';
export { reluGrad } from './relu-grad';
export { lstmSequenceRows, lstmSequenceGradRows, gruSequenceRows, gruSequenceGradRows } from './sequence';
