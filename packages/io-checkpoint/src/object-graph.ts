/**
 * The trackable object graph of an object-based (TF2) checkpoint: objects joined by named edges, variables as
 * leaves, optimizer slot variables hanging off their optimizer. `serializeGraph` numbers nodes breadth-first
 * and names each by its first path from the root, as TensorFlow does; `ObjectGraphView` walks a decoded one.
 */
import type { Variable } from '@keras-ts/tensor';
import { FileFormatError } from '@keras-ts/tensor';
import type { CheckpointDtype, RawTensor } from './dtypes.js';
import type { TrackableObject, TrackableObjectGraph } from './protos.js';

export const OBJECT_GRAPH_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';
export const VARIABLE_VALUE = 'VARIABLE_VALUE';
const ATTRIBUTES = '.ATTRIBUTES';
const OPTIMIZER_SLOT = '.OPTIMIZER_SLOT';

/** A saved variable: a live tfjs variable, or a plain value (e.g. `save_counter`). */
export interface GraphVariable {
  fullName: string;
  value: Variable | RawTensor;
  /** Stored dtype, if not the variable's own (e.g. 'int64' for iteration counters). */
  dtype?: CheckpointDtype;
}

export class TrackableNode {
  readonly children: Array<{ name: string; node: TrackableNode }> = [];
  readonly slots: Array<{ original: TrackableNode; slotName: string; slot: TrackableNode }> = [];
  constructor(readonly variable?: GraphVariable) {}

  add(name: string, node: TrackableNode): TrackableNode {
    this.children.push({ name, node });
    return node;
  }
}

/** TensorFlow's escaping of one path segment: '.' becomes '..', '/' becomes '.S'. */
export function escapeLocalName(name: string): string {
  return name.replace(/\./g, '..').replace(/\//g, '.S');
}

export function variableKey(path: string): string {
  return `${path}/${ATTRIBUTES}/${VARIABLE_VALUE}`;
}

export function slotPath(variablePath: string, optimizerPath: string, slotName: string): string {
  return `${variablePath}/${OPTIMIZER_SLOT}/${optimizerPath}/${escapeLocalName(slotName)}`;
}

export interface SerializedGraph {
  graph: TrackableObjectGraph;
  /** Every variable to save, with its checkpoint key. */
  variables: Array<{ key: string; variable: GraphVariable }>;
}

export function serializeGraph(root: TrackableNode): SerializedGraph {
  const ids = new Map<TrackableNode, number>([[root, 0]]);
  const paths = new Map<TrackableNode, string>([[root, '']]);
  const order: TrackableNode[] = [root];
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    for (const { name, node: child } of node.children) {
      if (ids.has(child)) continue;
      ids.set(child, order.length);
      const parent = paths.get(node)!;
      paths.set(child, parent ? `${parent}/${escapeLocalName(name)}` : escapeLocalName(name));
      order.push(child);
    }
  }
  const slotRefs = new Map<TrackableNode, TrackableObject['slot_variables']>();
  const base = order.length;
  for (const opt of order.slice(0, base)) {
    const names = [...new Set(opt.slots.map((s) => s.slotName))];
    const sorted = [...opt.slots].filter((s) => ids.has(s.original))
      .sort((a, b) => names.indexOf(a.slotName) - names.indexOf(b.slotName) || ids.get(a.original)! - ids.get(b.original)!);
    for (const s of sorted) {
      if (ids.has(s.slot)) continue;
      ids.set(s.slot, order.length);
      paths.set(s.slot, slotPath(paths.get(s.original)!, paths.get(opt)!, s.slotName));
      order.push(s.slot);
      const refs = slotRefs.get(opt) ?? [];
      refs.push({ original_variable_node_id: ids.get(s.original)!, slot_name: s.slotName, slot_variable_node_id: ids.get(s.slot)! });
      slotRefs.set(opt, refs);
    }
  }
  const variables: SerializedGraph['variables'] = [];
  const nodes: TrackableObject[] = order.map((node) => {
    const attributes = [];
    if (node.variable) {
      const key = variableKey(paths.get(node)!);
      attributes.push({ name: VARIABLE_VALUE, full_name: node.variable.fullName, checkpoint_key: key });
      variables.push({ key, variable: node.variable });
    }
    return {
      children: node.children.map(({ name, node: c }) => ({ node_id: ids.get(c)!, local_name: name })),
      attributes,
      slot_variables: slotRefs.get(node) ?? [],
    };
  });
  return { graph: { nodes }, variables };
}

/** Read access to a decoded object graph. */
export class ObjectGraphView {
  constructor(
    readonly graph: TrackableObjectGraph,
    private readonly file: string,
  ) {
    const n = graph.nodes.length;
    if (n === 0) throw new FileFormatError('the object graph has no nodes', file);
    graph.nodes.forEach((node, id) => {
      for (const c of node.children) {
        if (c.node_id < 0 || c.node_id >= n) throw new FileFormatError(`object graph node ${id} has child ${c.node_id}, past the ${n} nodes`, file);
      }
      for (const s of node.slot_variables) {
        if (s.original_variable_node_id >= n || s.slot_variable_node_id >= n || s.original_variable_node_id < 0 || s.slot_variable_node_id < 0) {
          throw new FileFormatError(`object graph node ${id} has a slot variable reference past the ${n} nodes`, file);
        }
      }
    });
  }

  child(nodeId: number, name: string): number | null {
    return this.graph.nodes[nodeId]!.children.find((c) => c.local_name === name)?.node_id ?? null;
  }

  childNames(nodeId: number): string[] {
    return this.graph.nodes[nodeId]!.children.map((c) => c.local_name);
  }

  /** The checkpoint key of a variable node's value, or null if the node holds none. */
  valueKey(nodeId: number): string | null {
    return this.graph.nodes[nodeId]!.attributes.find((a) => a.name === VARIABLE_VALUE)?.checkpoint_key ?? null;
  }

  /** The node of slot `slotName` that `optimizerId` keeps for variable node `originalId`. */
  slot(optimizerId: number, originalId: number, slotName: string): number | null {
    const ref = this.graph.nodes[optimizerId]!.slot_variables.find((s) => s.original_variable_node_id === originalId && s.slot_name === slotName);
    return ref ? ref.slot_variable_node_id : null;
  }
}
