/**
 * Test helpers: minimal models and an Adam-like optimizer that satisfy io-checkpoint's structural interfaces
 * (CheckpointModel / CheckpointOptimizer), with variables made by `makeVariable` like real keras-ts layers.
 */
import * as tf from '@keras-ts/tensor';
import { disposeVariable, makeVariable, type Variable } from '@keras-ts/tensor';
import type { CheckpointLayer, CheckpointModel, CheckpointOptimizer, CheckpointSlot } from '../interfaces.js';

let seed = 1;
export function variable(path: string, shape: number[], opts: { trainable?: boolean; fill?: number; dtype?: 'float32' | 'int32' } = {}): Variable {
  const init = opts.fill !== undefined ? tf.fill(shape, opts.fill, opts.dtype ?? 'float32') : tf.randomNormal(shape, 0, 1, 'float32', seed++);
  const v = makeVariable(init, { path, trainable: opts.trainable ?? true });
  init.dispose();
  return v;
}

export const dense = (name: string, inDim: number, units: number): CheckpointLayer => ({
  name,
  weights: [variable(`${name}/kernel`, [inDim, units]), variable(`${name}/bias`, [units])],
});

export const noWeights = (name: string): CheckpointLayer => ({ name, weights: [] });

export const embedding = (name: string, vocab: number, dim: number): CheckpointLayer => ({ name, weights: [variable(`${name}/embeddings`, [vocab, dim])] });

/** An RNN layer whose weights live in its `cell` (tf.keras 2: `layer_with_weights-i/cell/kernel`). */
export function lstm(name: string, inDim: number, units: number): CheckpointLayer & { cell: CheckpointLayer } {
  const cell = { name: 'lstm_cell', weights: [variable(`${name}/kernel`, [inDim, 4 * units]), variable(`${name}/recurrent_kernel`, [units, 4 * units]), variable(`${name}/bias`, [4 * units])] };
  return {
    name,
    cell,
    get weights() {
      return cell.weights;
    },
  };
}

export const batchNorm = (name: string, n: number): CheckpointLayer => ({
  name,
  weights: [
    variable(`${name}/gamma`, [n]),
    variable(`${name}/beta`, [n]),
    variable(`${name}/moving_mean`, [n], { trainable: false }),
    variable(`${name}/moving_variance`, [n], { trainable: false, fill: 1 }),
  ],
});

export function model(layers: CheckpointLayer[]): CheckpointModel & { dispose(): void; optimizer?: unknown } {
  return {
    layers,
    get trainableWeights() {
      return layers.flatMap((l) => l.weights).filter((v) => v.trainable);
    },
    dispose() {
      layers.flatMap((l) => l.weights).forEach(disposeVariable);
    },
  };
}

/** An Adam with tf.keras 2 slot names `m`/`v`, created by `build`. */
export class FakeAdam implements CheckpointOptimizer {
  readonly iterations = variable('adam/iteration', [], { fill: 0, dtype: 'int32' });
  built = false;
  private slotList: CheckpointSlot[] = [];
  constructor(readonly learningRate = 0.01) {}
  get name() {
    return 'Adam';
  }
  build(vars: Variable[]): void {
    for (const v of vars) {
      const base = v.name.replace(/\//g, '_');
      this.slotList.push({ variable: v, slotName: 'm', slot: variable(`adam/${base}_momentum`, v.shape, { fill: 0 }) });
      this.slotList.push({ variable: v, slotName: 'v', slot: variable(`adam/${base}_velocity`, v.shape, { fill: 0 }) });
    }
    this.built = true;
  }
  slots(): CheckpointSlot[] {
    return [...this.slotList];
  }
  getConfig(): Record<string, unknown> {
    return { name: 'adam', learning_rate: this.learningRate, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false };
  }
  /** One Adam step with gradients `grads` (same order as the built variables). */
  step(grads: tf.Tensor[]): void {
    const vars = [...new Set(this.slotList.map((s) => s.variable))];
    tf.tidy(() => {
      const t = tf.add(tf.cast(this.iterations, 'float32'), 1);
      const lr = tf.mul(this.learningRate, tf.div(tf.sqrt(tf.sub(1, tf.pow(0.999, t))), tf.sub(1, tf.pow(0.9, t))));
      vars.forEach((v, i) => {
        const g = grads[i]!;
        const m = this.slotList.find((s) => s.variable === v && s.slotName === 'm')!.slot;
        const s = this.slotList.find((s) => s.variable === v && s.slotName === 'v')!.slot;
        m.assign(tf.add(tf.mul(m, 0.9), tf.mul(g, 0.1)));
        s.assign(tf.add(tf.mul(s, 0.999), tf.mul(tf.square(g), 0.001)));
        v.assign(tf.sub(v, tf.div(tf.mul(lr, m), tf.add(tf.sqrt(s), 1e-7))));
      });
      this.iterations.assign(tf.add(this.iterations, tf.scalar(1, 'int32')));
    });
  }
  dispose(): void {
    disposeVariable(this.iterations);
    this.slotList.forEach((s) => disposeVariable(s.slot));
  }
}
