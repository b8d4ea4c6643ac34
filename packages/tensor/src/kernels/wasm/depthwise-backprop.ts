/** `DepthwiseConv2dNativeBackpropFilter` / `...BackpropInput` for wasm (absent from tfjs's wasm backend). */
import { DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { overrideKernel } from '../registry.js';
import { convGeometry, type ConvAttrs } from '../shared/conv-info.js';
import { depthwiseBackpropFilter, depthwiseBackpropInput } from '../shared/depthwise.js';
import { f32, zeros, type WasmBackend } from './heap.js';

export const depthwiseBackpropFilterWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const { geom } = convGeometry(x.shape, attrs.filterShape, attrs, true);
  const out = zeros(backend, attrs.filterShape);
  depthwiseBackpropFilter(f32(backend, x), f32(backend, dy), geom, attrs.filterShape[3], f32(backend, out));
  return out;
};

export const depthwiseBackpropInputWasm: KernelFunc = (args) => {
  const backend = args.backend as WasmBackend;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  const { geom } = convGeometry(attrs.inputShape, filter.shape, attrs, true);
  const out = zeros(backend, attrs.inputShape);
  depthwiseBackpropInput(f32(backend, dy), f32(backend, filter), geom, filter.shape[3], f32(backend, out));
  return out;
};

export function registerWasmDepthwiseBackprop(): void {
  overrideKernel({
    kernelName: DepthwiseConv2dNativeBackpropFilter,
    backendName: 'wasm',
    kernelFunc: depthwiseBackpropFilterWasm,
  });
  overrideKernel({
    kernelName: DepthwiseConv2dNativeBackpropInput,
    backendName: 'wasm',
    kernelFunc: depthwiseBackpropInputWasm,
  });
}
