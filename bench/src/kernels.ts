/**
 * Kernel-level suite: matmul with each transpose, conv forward and both backprops at MNIST/CIFAR-like shapes.
 * Runs on whichever tfjs-core it is given (ours or stock); kernels go through `engine().runKernel`, so each
 * side measures whatever its registry holds.
 */
import { errorText, measure, type Row, type Tf } from './harness.js';

interface ConvShape {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  pad: 'same' | 'valid';
}

export const CONV_SHAPES: ConvShape[] = [
  { name: 'mnist conv2 128x13x13x32 k3 ->64', x: [128, 13, 13, 32], filter: [3, 3, 32, 64], pad: 'valid' },
  { name: 'mnist conv1 128x28x28x1 k3 ->32', x: [128, 28, 28, 1], filter: [3, 3, 1, 32], pad: 'valid' },
  { name: 'cifar 128x32x32x3 k3 ->32', x: [128, 32, 32, 3], filter: [3, 3, 3, 32], pad: 'same' },
  { name: 'cifar 128x16x16x32 k3 ->64', x: [128, 16, 16, 32], filter: [3, 3, 32, 64], pad: 'same' },
];

export const MATMULS: Array<[number, number, number]> = [
  [128, 784, 256],
  [512, 512, 512],
];

async function rate(tf: Tf, flops: number, fn: () => TF_Tensor, minSeconds: number): Promise<number> {
  const m = await measure(
    () => {
      const t = fn();
      tf.dispose(t);
    },
    { minSeconds, warmup: 2 },
  );
  // Kernels run synchronously on cpu/wasm, so the time measured is the compute time.
  return (flops * m.perSecond) / 1e9;
}

type TF_Tensor = ReturnType<Tf['zeros']>;

export async function kernelSuite(tf: Tf, opts: { minSeconds: number; convs: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const run = async (name: string, flops: number, fn: () => TF_Tensor, minSeconds = opts.minSeconds) => {
    try {
      rows.push({ name, unit: 'GFLOP/s', value: await rate(tf, flops, fn, minSeconds) });
    } catch (e) {
      rows.push({ name, unit: 'GFLOP/s', value: null, note: errorText(e) });
    }
  };
  for (const [m, k, n] of MATMULS) {
    const a = tf.randomNormal([m, k]), aT = tf.randomNormal([k, m]);
    const b = tf.randomNormal([k, n]), bT = tf.randomNormal([n, k]);
    const flops = 2 * m * k * n;
    await run(`matmul ${m}x${k}x${n} NN`, flops, () => tf.matMul(a, b));
    await run(`matmul ${m}x${k}x${n} NT`, flops, () => tf.matMul(a, bT, false, true));
    await run(`matmul ${m}x${k}x${n} TN`, flops, () => tf.matMul(aT, b, true, false));
    // As in training, where weights change every step and backprop multiplies new tensors: the right operand
    // is a new tensor each time (one elementwise copy of it, timed too), so no kernel can reuse a packing of it.
    const zero = tf.scalar(0);
    const product = (x: TF_Tensor, y: TF_Tensor, tA: boolean, tB: boolean) => () => {
      const y2 = tf.add(y, zero);
      const out = tf.matMul(x, y2, tA, tB);
      tf.dispose(y2);
      return out;
    };
    await run(`matmul ${m}x${k}x${n} NN fresh`, flops, product(a, b, false, false));
    await run(`matmul ${m}x${k}x${n} NT fresh`, flops, product(a, bT, false, true));
    await run(`matmul ${m}x${k}x${n} TN fresh`, flops, product(aT, b, true, false));
    tf.dispose([a, aT, b, bT, zero]);
  }
  if (!opts.convs) return rows;
  for (const s of CONV_SHAPES) {
    const x = tf.randomNormal(s.x) as ReturnType<Tf['zeros']> & { rank: 4 };
    const w = tf.randomNormal(s.filter);
    const y = tf.conv2d(x as never, w as never, 1, s.pad) as unknown as TF_Tensor;
    const dy = tf.randomNormal(y.shape);
    const [, oh, ow] = y.shape;
    const flops = 2 * s.x[0] * oh * ow * s.filter[3] * s.filter[0] * s.filter[1] * s.filter[2];
    const attrs = { strides: 1, pad: s.pad, dataFormat: 'NHWC', dimRoundingMode: undefined } as Record<string, unknown>;
    await run(`conv2d fwd ${s.name}`, flops, () => tf.conv2d(x as never, w as never, 1, s.pad));
    await run(`conv2d bpInput ${s.name}`, flops, () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: s.x } as never) as TF_Tensor);
    await run(`conv2d bpFilter ${s.name}`, flops, () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: s.filter } as never) as TF_Tensor);
    tf.dispose([x, w, y, dy]);
  }
  return rows;
}
