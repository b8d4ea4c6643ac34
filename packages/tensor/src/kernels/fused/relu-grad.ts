/**
 * `reluGrad(dy, y)`: the gradient through ReLU from its output, `dy * step(y)`, as one kernel
 * (`KerasTsReluGrad`) instead of two passes and an intermediate mask the size of the activation (the fused
 * Dense and Conv2D gradients use it). Same values as the two ops, NaNs and signed zeros included. On wasm it
 * runs in our SIMD module (split across our thread pool where it runs), on cpu as a loop; other backends get
 * the two ops. Differentiable again (in `dy`), for nested tapes.
 */
import { engine, getKernel, mul, registerGradient, registerKernel, step, util, zerosLike } from '@tensorflow/tfjs-core';
import type { KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import type { CpuBackend } from '../cpu/backend.js';
import { alloc, f32, free, pointer, type WasmBackend } from '../wasm/heap.js';
import { kernelPool } from '../wasm/pool.js';
import { simdKernels } from '../wasm/simd.js';

export const RELU_GRAD = 'KerasTsReluGrad';

/** Gradients of fewer elements run on the calling thread alone. */
const PARALLEL_MIN_ELEMENTS = 1 << 16;

/** `dy * step(y)` for float32 tensors of one shape. */
export function reluGrad(dy: Tensor, y: Tensor): Tensor {
  const fused = getKernel(RELU_GRAD, engine().backendName) != null && dy.dtype === 'float32' && y.dtype === 'float32'
    && util.arraysEqual(dy.shape, y.shape);
  return fused ? (engine().runKernel(RELU_GRAD, { dy, y }) as Tensor) : mul(dy, step(y));
}

/** The same loop as assembly/relu-grad.ts. */
function reluGradLoop(dy: Float32Array, y: Float32Array, dz: Float32Array): void {
  for (let i = 0; i < dz.length; i++) {
    const v = y[i]!;
    dz[i] = dy[i]! * (v !== v ? NaN : v > 0 ? 1 : 0);
  }
}

const wasmKernel: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { dy, y } = args.inputs as { dy: TensorInfo; y: TensorInfo };
  const out = alloc(backend, dy.shape);
  const n = util.sizeFromShape(dy.shape);
  const simd = simdKernels(backend);
  if (simd === null) {
    reluGradLoop(f32(backend, dy), f32(backend, y), f32(backend, out));
    return out;
  }
  const at = (t: TensorInfo) => pointer(backend, t);
  const args3 = [at(dy), at(y), at(out)];
  const pool = kernelPool(backend);
  try {
    if (pool !== null && n >= PARALLEL_MIN_ELEMENTS) pool.run('reluGrad', args3, n, 4 * Math.ceil(n / (4 * pool.threads)));
    else simd.reluGrad(args3[0]!, args3[1]!, args3[2]!, 0, n);
  } catch (e) {
    free(backend, out);
    throw e;
  }
  return out;
};

const cpuKernel: KernelFunc = (args) => {
  const backend = args.backend as CpuBackend;
  const { dy, y } = args.inputs as { dy: TensorInfo; y: TensorInfo };
  const values = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const dz = new Float32Array(util.sizeFromShape(dy.shape));
  reluGradLoop(values(dy), values(y), dz);
  return backend.makeTensorInfo(dy.shape, 'float32', dz);
};

export function registerReluGrad(): void {
  if (getKernel(RELU_GRAD, 'wasm') == null) registerKernel({ kernelName: RELU_GRAD, backendName: 'wasm', kernelFunc: wasmKernel });
  if (getKernel(RELU_GRAD, 'cpu') == null) registerKernel({ kernelName: RELU_GRAD, backendName: 'cpu', kernelFunc: cpuKernel });
  registerGradient({
    kernelName: RELU_GRAD,
    inputsToSave: ['y'],
    gradFunc: (ddz, saved) => {
      const [y] = saved as [Tensor];
      return { dy: () => reluGrad(ddz as Tensor, y), y: () => zerosLike(y) };
    },
  });
}
