/**
 * `denseWithBias`: `activation(x @ kernel + bias)` as one kernel, also while training (the matmul with the
 * bias and ReLU in XNNPack's output stage on wasm). tfjs fuses them only outside gradient recording, so a
 * training step ran the matmul, a broadcast bias add and a ReLU, each a kernel of its own with a copy of its
 * output saved for the backward pass.
 *
 * The op is its own kernel (`KerasTsDenseWithBias`, delegating to the backend's `_FusedMatMul`) with a
 * registered gradient whose parts are computed only when needed: a first layer's input gradient never is.
 * Backends without `_FusedMatMul` get the unfused ops.
 */
import { add, engine, getKernel, matMul, registerGradient, registerKernel, relu, sum } from '@tensorflow/tfjs-core';
import { reluGrad } from './relu-grad.js';
import type { KernelFunc, NamedAttrMap, Tensor, Tensor1D, Tensor2D, TensorInfo } from '@tensorflow/tfjs-core';

export const DENSE_WITH_BIAS = 'KerasTsDenseWithBias';

const BACKENDS = ['wasm', 'cpu'];

/** `activation(x @ kernel + bias)` for float32 `x` [m, k], `kernel` [k, n], `bias` [n]. */
export function denseWithBias(x: Tensor2D, kernel: Tensor2D, bias: Tensor1D, activation: 'relu' | 'linear'): Tensor2D {
  if (getKernel(DENSE_WITH_BIAS, engine().backendName) == null) {
    const y = add(matMul(x, kernel), bias);
    return (activation === 'relu' ? relu(y) : y) as Tensor2D;
  }
  return engine().runKernel(DENSE_WITH_BIAS, { x, kernel, bias }, { activation } as unknown as NamedAttrMap) as Tensor2D;
}

function kernelFor(backendName: string): KernelFunc {
  return (args) => {
    const { x, kernel, bias } = args.inputs as Record<string, TensorInfo>;
    const as3d = (t: TensorInfo): TensorInfo => ({ dataId: t.dataId, dtype: t.dtype, shape: [1, ...t.shape] });
    const out = getKernel('_FusedMatMul', backendName)!.kernelFunc({
      inputs: { a: as3d(x!), b: as3d(kernel!), bias: bias! },
      attrs: { transposeA: false, transposeB: false, activation: args.attrs?.activation, leakyreluAlpha: 0 } as never,
      backend: args.backend,
    }) as TensorInfo;
    return { dataId: out.dataId, dtype: out.dtype, shape: [x!.shape[0]!, kernel!.shape[1]!] };
  };
}

export function registerDenseWithBias(): void {
  for (const backendName of BACKENDS) {
    if (getKernel(DENSE_WITH_BIAS, backendName) == null) {
      registerKernel({ kernelName: DENSE_WITH_BIAS, backendName, kernelFunc: kernelFor(backendName) });
    }
  }
  registerGradient({
    kernelName: DENSE_WITH_BIAS,
    inputsToSave: ['x', 'kernel'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, kernel, y] = saved as [Tensor, Tensor, Tensor];
      // dy through the activation, once for all parts (it lives in the engine's backward scope).
      const dz = (attrs as NamedAttrMap).activation === 'relu' ? reluGrad(dy as Tensor, y) : (dy as Tensor);
      return {
        x: () => matMul(dz, kernel, false, true),
        kernel: () => matMul(x, dz, true, false),
        bias: () => sum(dz, 0),
      };
    },
  });
}
