/**
 * `GradientTape`, shaped like TensorFlow's: record a computation, then ask for gradients afterwards.
 *
 *   const tape = new GradientTape();
 *   const loss = tape.record(() => lossFn(y, model.apply(x)));
 *   const grads = tape.gradient(loss, model.trainableWeights);
 *   optimizer.applyGradients(zip(grads, model.trainableWeights));
 *
 * It records on tfjs-core's engine tape (every kernel run while recording is written down with the tensors
 * its gradient needs) and back-propagates over those records on demand.
 */
import * as tfc from '@tensorflow/tfjs-core';
import { RuntimeError, ValueError } from './errors.js';

/** The parts of tfjs-core's engine state and tape records that the tape reads. */
interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tfc.Tensor>;
  outputs: tfc.Tensor[];
  gradient?: (dys: Array<tfc.Tensor | null>) => Record<string, () => tfc.Tensor>;
  saved?: tfc.Tensor[];
}
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  startTape(): void;
  endTape(): void;
}

export interface GradientTapeOptions {
  /** Allow several `gradient` calls; free the records with `dispose()` afterwards. */
  persistent?: boolean;
  /** Watch every trainable variable used while recording (TensorFlow's default: true). */
  watchAccessedVariables?: boolean;
}

export class GradientTape {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private nodes: TapeNode[] = [];
  private watched = new Set<number>();
  private consumed = false;
  private recording = false;

  constructor(options: GradientTapeOptions = {}) {
    this.persistent = options.persistent ?? false;
    this.watchAccessedVariables = options.watchAccessedVariables ?? true;
  }

  /** Marks tensors (not only variables) as sources that gradients can be taken with respect to. */
  watch(tensors: tfc.Tensor | tfc.Tensor[]): void {
    for (const t of Array.isArray(tensors) ? tensors : [tensors]) this.watched.add(t.id);
  }

  /**
   * Runs `fn`, recording every op it runs. May be called several times on one tape; the records add up.
   * Tensors that `fn` returns belong to the caller; other tensors it creates are disposed when it returns
   * (wrap one in `keep()` to hold on to it).
   */
  record<T>(fn: () => T): T {
    if (this.consumed) throw new RuntimeError('GradientTape.record: this non-persistent tape was already used by gradient(); create a new tape.');
    if (this.recording) throw new RuntimeError('GradientTape.record: already recording on this tape.');
    const engine = tfc.engine() as unknown as EngineInternals;
    const outer = engine.state.gradientDepth > 0 ? engine.state.activeTape : null;
    const outerLength = outer?.length ?? 0;
    engine.startTape();
    const tape = engine.state.activeTape!;
    const start = outer ? outerLength : 0;
    this.recording = true;
    try {
      // Intermediates are freed when fn returns (as TensorFlow's garbage collector would); what fn returns is
      // kept. The tape keeps its own copies of what the backward pass needs.
      return tfc.tidy(() => {
        const result = fn();
        if (result instanceof Promise) throw new ValueError('GradientTape.record: the recorded function must be synchronous.');
        return result as unknown as tfc.TensorContainer;
      }) as unknown as T;
    } finally {
      this.recording = false;
      this.nodes.push(...tape.slice(start));
      engine.endTape();
      if (engine.state.gradientDepth === 0) engine.state.activeTape = null;
      else if (outer) {
        // Nested in another recording (e.g. an outer tfjs `grads`): leave the records on the outer tape too,
        // but the saved tensors then belong to the outer tape; do not free them here.
        this.nodes = this.nodes.map((n) => ({ ...n, saved: [] }));
      }
    }
  }

  /**
   * Gradients of `target` with respect to each of `sources` (null for a source that `target` does not depend
   * on, as TensorFlow returns None). `outputGradients` seeds the back-propagation (default: ones).
   */
  gradient(target: tfc.Tensor, sources: tfc.Tensor[], outputGradients?: tfc.Tensor): Array<tfc.Tensor | null>;
  gradient(target: tfc.Tensor, sources: tfc.Tensor, outputGradients?: tfc.Tensor): tfc.Tensor | null;
  gradient(
    target: tfc.Tensor,
    sources: tfc.Tensor | tfc.Tensor[],
    outputGradients?: tfc.Tensor,
  ): tfc.Tensor | null | Array<tfc.Tensor | null> {
    if (this.consumed) {
      throw new RuntimeError('GradientTape.gradient can only be called once on a non-persistent tape; pass {persistent: true} to call it several times.');
    }
    if (this.recording) throw new RuntimeError('GradientTape.gradient was called inside record(); call it after recording ends.');
    const list = Array.isArray(sources) ? sources : [sources];
    const isSource = (t: tfc.Tensor) =>
      this.watched.has(t.id) || (t instanceof tfc.Variable && (this.watchAccessedVariables ? t.trainable : false));
    const ids = list.map((s) => (isSource(s) ? s.id : -1));
    const grads = tfc.tidy(() => {
      const { path, reachable } = this.filter(new Set(ids.filter((i) => i >= 0)), target.id);
      const acc = new Map<number, tfc.Tensor>();
      acc.set(target.id, outputGradients ? outputGradients.clone() : tfc.onesLike(target));
      for (let i = path.length - 1; i >= 0; i--) {
        const node = path[i];
        if (!node.gradient) throw new RuntimeError(`GradientTape: no gradient is registered for op '${node.kernelName}'.`);
        const dys = node.outputs.map((o) => acc.get(o.id) ?? null);
        const inputGrads = node.gradient(dys);
        for (const [name, x] of Object.entries(node.inputs)) {
          // Only inputs that depend on a source need a gradient (saves e.g. the first layer's input gradient).
          if (!reachable.has(x.id)) continue;
          const f = inputGrads[name];
          if (f == null) continue;
          const dx = f();
          const prev = acc.get(x.id);
          acc.set(x.id, prev ? tfc.add(prev, dx) : dx);
        }
      }
      return ids.map((id) => (id >= 0 ? acc.get(id) ?? null : null)) as unknown as tfc.TensorContainer;
    }) as unknown as Array<tfc.Tensor | null>;
    // tidy keeps tensors it returns even inside the array; nulls pass through.
    if (!this.persistent) this.dispose();
    return Array.isArray(sources) ? grads : grads[0];
  }

  /** Frees the records (the tensors kept for the backward pass). Called automatically after a non-persistent `gradient`. */
  dispose(): void {
    for (const node of this.nodes) for (const t of node.saved ?? []) t.dispose();
    this.nodes = [];
    this.consumed = true;
  }

  /**
   * Nodes of the tape on a path from any source to the target, in recording order, and the ids of tensors
   * that depend on a source. As in TensorFlow, integer and boolean tensors carry no gradient (so comparisons
   * such as `Equal` inside a loss stop the path instead of failing for want of a gradient).
   */
  private filter(sources: Set<number>, targetId: number): { path: TapeNode[]; reachable: Set<number> } {
    const reachable = new Set(sources);
    const forward: boolean[] = this.nodes.map((node) => {
      const hit = Object.values(node.inputs).some((x) => reachable.has(x.id));
      if (hit) for (const o of node.outputs) if (o.dtype === 'float32' || o.dtype === 'complex64') reachable.add(o.id);
      return hit;
    });
    const needed = new Set([targetId]);
    const keep: boolean[] = new Array(this.nodes.length).fill(false);
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      if (!forward[i] || !node.outputs.some((o) => needed.has(o.id))) continue;
      keep[i] = true;
      for (const x of Object.values(node.inputs)) needed.add(x.id);
    }
    return { path: this.nodes.filter((_, i) => keep[i]), reachable };
  }
}
