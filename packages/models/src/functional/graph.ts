/**
 * The graph of a functional model: the nodes between its inputs and outputs, ordered by depth as Keras's
 * `_map_graph_network` orders them (so that `model.layers` and weight order match Keras), and running it.
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { InputLayer, getMask, type KerasTensor, type Layer, type Node } from '@keras-ts/layers';

export class FunctionalGraph {
  /** Nodes in execution order (deepest first). */
  readonly nodes: Node[];
  /** Layers in Keras order (input layers first, then by decreasing depth). */
  readonly layers: Layer[];
  readonly nodeDepth = new Map<Node, number>();

  constructor(readonly inputs: KerasTensor[], readonly outputs: KerasTensor[], modelName: string) {
    for (const t of [...inputs, ...outputs]) {
      if (!t?.kerasHistory) {
        throw new ValueError(`Model "${modelName}": inputs and outputs must be symbolic tensors made by keras.Input and layer.apply; received ${String(t)}`);
      }
    }
    for (const t of inputs) {
      if (!(t.kerasHistory!.layer instanceof InputLayer)) {
        throw new ValueError(`Model "${modelName}": every input must come from keras.Input(); ${t.name} was produced by layer "${t.kerasHistory!.layer.name}".`);
      }
    }
    const layerIndex = new Map<Layer, number>();
    const finished = new Set<Node>();
    const inProgress = new Set<Node>();
    const decreasing: Node[] = [];
    const inputIds = new Set(inputs.map((t) => t.id));
    const visit = (t: KerasTensor) => {
      const { layer, nodeIndex } = t.kerasHistory!;
      const node = layer.inboundNodes[nodeIndex];
      if (inProgress.has(node)) throw new ValueError(`Model "${modelName}": the layer graph has a cycle at layer "${layer.name}".`);
      if (finished.has(node)) return;
      if (!layerIndex.has(layer)) layerIndex.set(layer, layerIndex.size);
      inProgress.add(node);
      if (!inputIds.has(t.id) || !(layer instanceof InputLayer)) {
        for (const x of node.allInputs) {
          if (!x.kerasHistory) throw new ValueError(`Model "${modelName}": tensor ${x.name} has no history.`);
          visit(x);
        }
      }
      finished.add(node);
      inProgress.delete(node);
      decreasing.push(node);
    };
    for (const t of outputs) visit(t);

    const layerDepth = new Map<Layer, number>();
    for (const node of [...decreasing].reverse()) {
      let depth = this.nodeDepth.get(node) ?? 0;
      depth = Math.max(depth, layerDepth.get(node.layer) ?? 0);
      layerDepth.set(node.layer, depth);
      this.nodeDepth.set(node, depth);
      for (const parent of node.parentNodes) this.nodeDepth.set(parent, Math.max(depth + 1, this.nodeDepth.get(parent) ?? 0));
    }
    // Inputs that are not connected to outputs still belong to the model.
    for (const t of inputs) {
      const node = t.kerasHistory!.layer.inboundNodes[0];
      if (!this.nodeDepth.has(node)) {
        this.nodeDepth.set(node, Math.max(0, ...this.nodeDepth.values()) + 1);
        layerDepth.set(node.layer, this.nodeDepth.get(node)!);
        if (!layerIndex.has(node.layer)) layerIndex.set(node.layer, layerIndex.size);
      }
    }
    this.nodes = [...this.nodeDepth.keys()].sort((a, b) => this.nodeDepth.get(b)! - this.nodeDepth.get(a)!);
    const byDepth = [...layerDepth.entries()].sort((a, b) => b[1] - a[1] || layerIndex.get(a[0])! - layerIndex.get(b[0])!);
    this.layers = byDepth.map(([l]) => l);
    // Check every input a node needs is computable.
    const available = new Set(inputs.map((t) => t.id));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) {
        if (node.outputs.every((o) => available.has(o.id))) continue;
        throw new ValueError(
          `Graph disconnected: cannot obtain value for tensor ${node.outputs[0].name} at layer "${node.layer.name}": it is an input that is not among the model's inputs (${inputs.map((t) => t.name).join(', ')}).`,
        );
      }
      for (const x of node.allInputs) {
        if (!available.has(x.id)) {
          throw new ValueError(
            `Graph disconnected: cannot obtain value for tensor ${x.name} at layer "${node.layer.name}". The following previous layers were accessed without issue: ${[...new Set(this.nodes.filter((n) => n.outputs.every((o) => available.has(o.id))).map((n) => n.layer.name))].join(', ')}`,
          );
        }
      }
      for (const o of node.outputs) available.add(o.id);
    }
  }

  /** Runs the graph on real tensors (in input order); returns outputs in output order. */
  run(inputs: tf.Tensor[], kwargs: { training?: boolean; masks?: Array<tf.Tensor | null> } = {}): tf.Tensor[] {
    if (inputs.length !== this.inputs.length) {
      throw new ValueError(`Functional model expects ${this.inputs.length} input(s), but it received ${inputs.length} input tensors.`);
    }
    const values = new Map<number, tf.Tensor>();
    const masks = new Map<number, tf.Tensor | null>();
    this.inputs.forEach((t, i) => {
      values.set(t.id, inputs[i]);
      masks.set(t.id, kwargs.masks?.[i] ?? getMask(inputs[i]));
    });
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const xs = node.inputs.map((t) => values.get(t.id)!);
      const ms = node.inputs.map((t) => masks.get(t.id) ?? null);
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.callArgs.tensorKwargs)) {
        extra[k] = Array.isArray(v) ? v.map((t) => values.get(t.id)!) : values.get(v.id)!;
      }
      const anyMask = ms.some((m) => m);
      const callKwargs = {
        training: kwargs.training,
        ...node.callArgs.kwargs,
        ...extra,
        mask: anyMask ? (node.callArgs.single ? ms[0] : ms) : null,
      };
      const out = node.layer.apply(node.callArgs.single ? xs[0] : xs, callKwargs) as tf.Tensor | tf.Tensor[];
      const outs = Array.isArray(out) ? out : [out];
      node.outputs.forEach((o, i) => {
        values.set(o.id, outs[i]);
        masks.set(o.id, getMask(outs[i]));
      });
    }
    return this.outputs.map((t) => values.get(t.id)!);
  }
}
