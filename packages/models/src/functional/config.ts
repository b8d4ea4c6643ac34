/**
 * Functional model configs in Keras's format. Writes tf.keras 2's (`inbound_nodes: [[["dense", 0, 0, {}]]]`,
 * `input_layers`, `output_layers`); reads both that and Keras 3's (`inbound_nodes: [{args, kwargs}]` with
 * `__keras_tensor__` entries).
 */
import { ValueError } from '@keras-ts/tensor';
import { deserialize, serialize, InputLayer, type ConfigDict, type CustomObjects, type KerasTensor, type Layer, type Node, type SerializedObject } from '@keras-ts/layers';
import type { Model } from '../model.js';

type TensorRef = [string, number, number];

/** Index of `node` among the nodes of its layer that belong to `model` (Keras's node numbering in configs). */
function relevantNodeIndex(model: Model, node: Node): number {
  const nodes = node.layer.inboundNodes.filter((n) => model.graph!.nodeDepth.has(n));
  return nodes.indexOf(node);
}

function refOf(model: Model, t: KerasTensor): TensorRef {
  const { layer, nodeIndex, tensorIndex } = t.kerasHistory!;
  return [layer.name, relevantNodeIndex(model, layer.inboundNodes[nodeIndex]), tensorIndex];
}

export function functionalToConfig(model: Model): ConfigDict {
  const graph = model.graph!;
  const layers = graph.layers.map((layer) => {
    const nodes = layer.inboundNodes.filter((n) => graph.nodeDepth.has(n) && !(layer instanceof InputLayer));
    const inbound = nodes.map((node) => {
      const kwargs: Record<string, unknown> = { ...node.callArgs.kwargs };
      for (const [k, v] of Object.entries(node.callArgs.tensorKwargs)) kwargs[k] = Array.isArray(v) ? v.map((t) => refOf(model, t)) : refOf(model, v);
      return node.inputs.map((t) => [...refOf(model, t), kwargs]);
    });
    const s = serialize(layer);
    return { class_name: s.class_name, config: s.config, name: layer.name, inbound_nodes: inbound };
  });
  return {
    name: model.name,
    trainable: model.trainable,
    layers,
    input_layers: graph.inputs.map((t) => refOf(model, t)),
    output_layers: graph.outputs.map((t) => refOf(model, t)),
  };
}

interface LayerEntry extends SerializedObject {
  name?: string;
  inbound_nodes?: unknown[];
}

function isRef(x: unknown): x is TensorRef {
  return Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'number' && typeof x[2] === 'number';
}

/** Normalizes one inbound node (either format) to `{ refs, single, kwargs }`. */
function parseNode(data: unknown, layerName: string): { refs: TensorRef[]; single: boolean; kwargs: Record<string, unknown> } {
  // Keras 3: {args: [...], kwargs: {...}}
  if (data && typeof data === 'object' && !Array.isArray(data) && 'args' in data) {
    const { args, kwargs = {} } = data as { args: unknown[]; kwargs?: Record<string, unknown> };
    const toRef = (x: unknown): TensorRef | null => {
      const o = x as { class_name?: string; config?: { keras_history?: TensorRef } };
      return o && o.class_name === '__keras_tensor__' && o.config?.keras_history ? o.config.keras_history : null;
    };
    const first = args[0];
    const single = !Array.isArray(first);
    const items = single ? [first] : (first as unknown[]);
    const refs = items.map((x) => {
      const r = toRef(x);
      if (!r) throw new ValueError(`Layer "${layerName}": unsupported inbound node argument ${JSON.stringify(x)?.slice(0, 200)}`);
      return r;
    });
    const kw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(kwargs)) {
      const r = toRef(v);
      if (r) kw[k] = r;
      else if (Array.isArray(v) && v.length && v.every((e) => toRef(e))) kw[k] = v.map((e) => toRef(e));
      else kw[k] = v;
    }
    // Later positional tensor args (e.g. Attention's value) become list inputs.
    for (const extra of args.slice(1)) {
      const r = toRef(extra);
      if (r) refs.push(r);
    }
    return { refs, single: single && refs.length === 1, kwargs: kw };
  }
  // Keras 2: [[name, nodeIndex, tensorIndex, kwargs], ...]
  if (!Array.isArray(data)) throw new ValueError(`Layer "${layerName}": invalid inbound node ${JSON.stringify(data)?.slice(0, 200)}`);
  const refs: TensorRef[] = [];
  let kwargs: Record<string, unknown> = {};
  for (const entry of data as unknown[]) {
    if (!Array.isArray(entry) || !isRef(entry)) throw new ValueError(`Layer "${layerName}": invalid inbound tensor reference ${JSON.stringify(entry)?.slice(0, 200)}`);
    refs.push([entry[0], entry[1], entry[2]]);
    const kw = (entry as unknown[])[3];
    if (kw && typeof kw === "object") kwargs = { ...kwargs, ...(kw as Record<string, unknown>) };
  }
  return { refs, single: refs.length === 1, kwargs };
}

function normalizeRefs(x: unknown): TensorRef[] {
  if (isRef(x)) return [x];
  if (Array.isArray(x)) return x.flatMap((e) => normalizeRefs(e));
  if (x && typeof x === 'object') return Object.values(x).flatMap((e) => normalizeRefs(e));
  throw new ValueError(`Invalid input_layers/output_layers entry: ${JSON.stringify(x)?.slice(0, 200)}`);
}

/** Rebuilds the layers and wiring of a functional config; returns the symbolic inputs and outputs. */
export function functionalFromConfig(
  config: ConfigDict,
  customObjects?: CustomObjects,
): { name?: string; inputs: KerasTensor[]; outputs: KerasTensor[] } {
  const entries = config.layers as LayerEntry[] | undefined;
  if (!Array.isArray(entries)) throw new ValueError('Invalid functional model config: `layers` must be a list.');
  const created = new Map<string, Layer>();
  const outputsByNode = new Map<string, KerasTensor[][]>();
  const queues = new Map<string, unknown[]>();
  for (const entry of entries) {
    const layer = deserialize(entry, { customObjects });
    const name = entry.name ?? (entry.config?.name as string) ?? layer.name;
    if (created.has(name)) throw new ValueError(`Invalid functional model config: two layers are named "${name}".`);
    created.set(name, layer);
    if (layer instanceof InputLayer) outputsByNode.set(name, [[layer.output0]]);
    else outputsByNode.set(name, []);
    queues.set(name, [...(entry.inbound_nodes ?? [])]);
  }
  const resolve = (ref: TensorRef): KerasTensor | undefined => outputsByNode.get(ref[0])?.[ref[1]]?.[ref[2]];
  for (const ref of [...normalizeRefs(config.input_layers ?? []), ...normalizeRefs(config.output_layers ?? [])]) {
    if (!created.has(ref[0])) throw new ValueError(`Invalid functional model config: unknown layer "${ref[0]}" in input_layers/output_layers.`);
  }
  let progress = true;
  while (progress) {
    progress = false;
    for (const [name, queue] of queues) {
      while (queue.length) {
        const parsed = parseNode(queue[0], name);
        const inputs = parsed.refs.map(resolve);
        if (inputs.some((t) => !t)) break;
        const kwargs: Record<string, unknown> = {};
        let ready = true;
        for (const [k, v] of Object.entries(parsed.kwargs)) {
          if (isRef(v)) kwargs[k] = resolve(v) ?? ((ready = false), null);
          else if (Array.isArray(v) && v.length && v.every(isRef)) {
            const ts = (v as TensorRef[]).map(resolve);
            if (ts.some((t) => !t)) ready = false;
            kwargs[k] = ts;
          } else kwargs[k] = v;
        }
        if (!ready) break;
        queue.shift();
        const layer = created.get(name)!;
        const out = layer.apply((parsed.single ? inputs[0] : inputs) as KerasTensor, kwargs);
        outputsByNode.get(name)!.push(Array.isArray(out) ? out : [out]);
        progress = true;
      }
    }
  }
  const stuck = [...queues.entries()].filter(([, q]) => q.length).map(([n]) => n);
  if (stuck.length) throw new ValueError(`Invalid functional model config: cannot connect layers ${stuck.join(', ')} (missing or cyclic inbound nodes).`);
  const pick = (x: unknown) =>
    normalizeRefs(x).map((ref) => {
      const t = resolve(ref);
      if (!t) throw new ValueError(`Invalid functional model config: tensor ${JSON.stringify(ref)} does not exist.`);
      return t;
    });
  return { name: config.name as string | undefined, inputs: pick(config.input_layers), outputs: pick(config.output_layers) };
}
