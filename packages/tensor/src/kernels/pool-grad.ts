/**
 * `MaxPoolGrad` and `AvgPoolGrad` for wasm and cpu in TypeScript: tfjs's own are 10-20x slower than a plain
 * loop (wasm) or slower still (cpu), and pooling sits on every CNN's backward pass.
 */
import { AvgPoolGrad, MaxPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CpuBackend } from './cpu/backend.js';
import { overrideKernel } from './registry.js';
import { avgPoolGrad, maxPoolGrad, type PoolGeometry } from './shared/pool-grad.js';
import { f32, zeros, type WasmBackend } from './wasm/heap.js';
import { maxPoolGradSimd } from './wasm/max-pool-grad.js';

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function geometry(xShape: number[], a: PoolAttrs): PoolGeometry {
  const info = backend_util.computePool2DInfo(
    xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    channels: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    fH: info.filterHeight,
    fW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilH: info.dilationHeight,
    dilW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

type Reader = (t: TensorInfo) => Float32Array;

/** Adapts a typed-array gradient to a kernel on either backend (output zeroed, then filled in place). */
function kernel(
  backendName: 'wasm' | 'cpu',
  compute: (read: Reader, inputs: Record<string, TensorInfo>, g: PoolGeometry, dx: Float32Array) => void,
  wasmFast?: (b: WasmBackend, inputs: Record<string, TensorInfo>, g: PoolGeometry) => TensorInfo | null,
): KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, TensorInfo>;
    const g = geometry(inputs.input.shape, args.attrs as unknown as PoolAttrs);
    const shape = inputs.input.shape;
    if (backendName === 'wasm') {
      const b = args.backend as WasmBackend;
      const fast = wasmFast?.(b, inputs, g);
      if (fast) return fast;
      const out = zeros(b, shape);
      compute((t) => f32(b, t), inputs, g, f32(b, out));
      return out;
    }
    const b = args.backend as CpuBackend;
    const dx = new Float32Array(shape.reduce((p, q) => p * q, 1));
    compute((t) => b.data.get(t.dataId).values as Float32Array, inputs, g, dx);
    return b.makeTensorInfo(shape, 'float32', dx);
  };
}

export function registerPoolGrads(): void {
  for (const backendName of ['wasm', 'cpu'] as const) {
    overrideKernel({
      kernelName: MaxPoolGrad,
      backendName,
      kernelFunc: kernel(
        backendName,
        (read, { input, dy }, g, dx) => maxPoolGrad(read(input), read(dy), g, dx),
        (b, { input, dy }, g) => maxPoolGradSimd(b, input!, dy!, g),
      ),
    });
    overrideKernel({
      kernelName: AvgPoolGrad,
      backendName,
      kernelFunc: kernel(backendName, (read, { dy }, g, dx) => avgPoolGrad(read(dy), g, dx)),
    });
  }
}
