/**
 * `conv2dWithBias`: `activation(conv2d(x, filter) + bias)` as one kernel, also while training. tfjs fuses the
 * bias and activation only outside gradient recording, so a training step ran the convolution, then a
 * broadcast bias add and a ReLU over the whole activation (~4 ms of a ~130 ms MNIST CNN step on wasm).
 *
 * The op is its own kernel (`KerasTsConv2DWithBias`, delegating to the backend's `FusedConv2D`) with a
 * registered gradient whose parts are computed only when needed: the input gradient of a network's first
 * layer is never computed (a custom-gradient function would compute all three). Backends without
 * `FusedConv2D` get the unfused ops.
 */
import { add, conv2d, engine, getKernel, registerGradient, registerKernel, relu, sum } from '@tensorflow/tfjs-core';
import { reluGrad } from './relu-grad.js';
import type { NamedAttrMap, Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs-core';

export const CONV2D_WITH_BIAS = 'KerasTsConv2DWithBias';

export interface Conv2DWithBiasOptions {
  strides: [number, number];
  pad: 'valid' | 'same';
  activation: 'relu' | 'linear';
}

const BACKENDS = ['wasm', 'cpu'];

/** `activation(conv2d(x, filter, strides, pad) + bias)` for NHWC float32 `x`, dilation 1. */
export function conv2dWithBias(x: Tensor4D, filter: Tensor4D, bias: Tensor1D, opts: Conv2DWithBiasOptions): Tensor4D {
  if (getKernel(CONV2D_WITH_BIAS, engine().backendName) == null) {
    const y = add(conv2d(x, filter, opts.strides, opts.pad), bias);
    return (opts.activation === 'relu' ? relu(y) : y) as Tensor4D;
  }
  const attrs = { strides: opts.strides, pad: opts.pad, activation: opts.activation };
  return engine().runKernel(CONV2D_WITH_BIAS, { x, filter, bias }, attrs as unknown as NamedAttrMap) as Tensor4D;
}

function convAttrs(attrs: NamedAttrMap) {
  return { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
}

export function registerConv2DWithBias(): void {
  for (const backendName of BACKENDS) {
    if (getKernel(CONV2D_WITH_BIAS, backendName) != null) continue;
    registerKernel({
      kernelName: CONV2D_WITH_BIAS,
      backendName,
      kernelFunc: (args) => {
        const fused = getKernel('FusedConv2D', backendName)!;
        const attrs = args.attrs ?? {};
        return fused.kernelFunc({ ...args, attrs: { ...convAttrs(attrs), activation: attrs.activation } as never });
      },
    });
  }
  registerGradient({
    kernelName: CONV2D_WITH_BIAS,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [Tensor4D, Tensor4D, Tensor4D];
      const a = convAttrs(attrs as NamedAttrMap);
      // dy through the activation (ReLU's mask from its output), once for all three parts; it lives in the
      // engine's backward scope (the parts run in scopes of their own, which would free a lazily made one).
      const dyAct = (attrs as NamedAttrMap).activation === 'relu' ? reluGrad(dy as Tensor, y) : (dy as Tensor);
      const dz = () => dyAct;
      return {
        x: () => engine().runKernel('Conv2DBackpropInput', { dy: dz(), filter }, { ...a, inputShape: x.shape } as never) as Tensor,
        filter: () => engine().runKernel('Conv2DBackpropFilter', { x, dy: dz() }, { ...a, filterShape: filter.shape } as never) as Tensor,
        bias: () => sum(dz(), [0, 1, 2]),
      };
    },
  });
}
