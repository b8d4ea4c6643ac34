/** The parts of tfjs-backend-cpu's `MathBackendCPU` that our cpu kernels use. */
import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

export interface CpuBackend extends KernelBackend {
  data: { get(dataId: object): { values: Float32Array | Int32Array | Uint8Array } };
  makeTensorInfo(shape: number[], dtype: DataType, values: Float32Array | Int32Array): TensorInfo;
  disposeIntermediateTensorInfo(t: TensorInfo): void;
}

