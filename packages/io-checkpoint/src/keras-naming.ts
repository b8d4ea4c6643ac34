/**
 * tf.keras 2's object-based checkpoint naming. A model's child `layer_with_weights-<j>` is its j-th layer that
 * has weights; a layer's children are its weights by attribute name (`kernel`, `bias`, `moving_mean`) and its
 * sublayers by property name in snake_case (`cell`, `forward_layer`); an optimizer's are `iter`, its
 * hyperparameters (`learning_rate`, `beta_1`, `decay`, ...) and, as slot variables, `m`/`v`/... per weight.
 */
import type { Variable } from '@keras-ts/tensor';
import { variableInfo } from '@keras-ts/tensor';
import type { CheckpointLayer, CheckpointModel, CheckpointOptimizer } from './interfaces.js';
import { TrackableNode } from './object-graph.js';

/** tf.keras 2 OptimizerV2 hyperparameters that it saves as float32 scalar variables. */
export const OPTIMIZER_HYPERS = [
  'beta', 'beta_1', 'beta_2', 'decay', 'l1_regularization_strength', 'l2_regularization_strength',
  'l2_shrinkage_regularization_strength', 'learning_rate', 'learning_rate_power', 'momentum', 'rho',
];

const SKIPPED_PROPERTIES = new Set(['inboundNodes', 'outboundNodes', 'layers', 'optimizer']);

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function isLayerLike(v: unknown): v is CheckpointLayer {
  return !!v && typeof v === 'object' && typeof (v as CheckpointLayer).name === 'string' && Array.isArray((v as CheckpointLayer).weights);
}

export type Dependency =
  | { kind: 'weight'; name: string; variable: Variable }
  | { kind: 'layer'; name: string; layer: CheckpointLayer }
  | { kind: 'list'; name: string; layers: CheckpointLayer[] };

/** The named checkpoint dependencies of a layer: own weights first, then sublayers with weights. */
export function layerDependencies(layer: CheckpointLayer): Dependency[] {
  const deps: Dependency[] = [];
  const subWeights = new Set<Variable>();
  const seen = new Set<unknown>([layer]);
  const subs: Dependency[] = [];
  for (const [key, value] of Object.entries(layer)) {
    if (SKIPPED_PROPERTIES.has(key) || key.startsWith('_parent')) continue;
    if (isLayerLike(value) && !seen.has(value)) {
      seen.add(value);
      if (value.weights.length === 0) continue;
      value.weights.forEach((w) => subWeights.add(w));
      subs.push({ kind: 'layer', name: snake(key), layer: value });
    } else if (Array.isArray(value) && value.length > 0 && value.every(isLayerLike)) {
      const list = (value as CheckpointLayer[]).filter((l) => !seen.has(l));
      list.forEach((l) => (seen.add(l), l.weights.forEach((w) => subWeights.add(w))));
      if (list.some((l) => l.weights.length > 0)) subs.push({ kind: 'list', name: snake(key), layers: list });
    }
  }
  const used = new Set<string>();
  for (const v of layer.weights) {
    if (subWeights.has(v)) continue;
    const base = variableInfo(v).name.replace(/:\d+$/, '');
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    deps.push({ kind: 'weight', name, variable: v });
  }
  return [...deps, ...subs];
}

/** The layers of a model that tf.keras 2 names `layer_with_weights-<j>`, in order. */
export function layersWithWeights(model: CheckpointModel): CheckpointLayer[] {
  return model.layers.filter((l) => l.weights.length > 0);
}

export function isNestedModel(layer: CheckpointLayer): layer is CheckpointLayer & CheckpointModel {
  return Array.isArray((layer as unknown as CheckpointModel).layers);
}

function layerNode(layer: CheckpointLayer, nodeOf: Map<Variable, TrackableNode>): TrackableNode {
  if (isNestedModel(layer)) return modelNode(layer, nodeOf);
  const node = new TrackableNode();
  for (const dep of layerDependencies(layer)) {
    if (dep.kind === 'weight') {
      const existing = nodeOf.get(dep.variable);
      const child = existing ?? new TrackableNode({ fullName: variableInfo(dep.variable).path, value: dep.variable });
      nodeOf.set(dep.variable, child);
      node.add(dep.name, child);
    } else if (dep.kind === 'layer') {
      node.add(dep.name, layerNode(dep.layer, nodeOf));
    } else {
      const list = node.add(dep.name, new TrackableNode());
      dep.layers.forEach((l, i) => list.add(String(i), layerNode(l, nodeOf)));
    }
  }
  return node;
}

/** The trackable tree of a model's weights; `nodeOf` receives each variable's node. */
export function modelNode(model: CheckpointModel, nodeOf: Map<Variable, TrackableNode>): TrackableNode {
  const node = new TrackableNode();
  layersWithWeights(model).forEach((layer, j) => node.add(`layer_with_weights-${j}`, layerNode(layer, nodeOf)));
  return node;
}

/** The optimizer's node: `iter`, hyperparameters, non-slot state, and slot variables of the nodes in `nodeOf`. */
export function optimizerNode(opt: CheckpointOptimizer, nodeOf: Map<Variable, TrackableNode>): TrackableNode {
  const config = opt.getConfig();
  const prefix = String(opt.name ?? config.name ?? 'optimizer');
  const node = new TrackableNode();
  node.add('iter', new TrackableNode({ fullName: `${prefix}/iter`, value: opt.iterations, dtype: 'int64' }));
  const hypers = OPTIMIZER_HYPERS.filter((k) => typeof config[k] === 'number' || (k === 'decay' && typeof config.learning_rate === 'number'));
  for (const k of hypers) {
    const value = typeof config[k] === 'number' ? (config[k] as number) : 0;
    node.add(k, new TrackableNode({ fullName: `${prefix}/${k}`, value: { dtype: 'float32', shape: [], values: Float32Array.of(value) } }));
  }
  const slotVars = new Set(opt.slots().map((s) => s.slot));
  if (opt.weightVariables && opt.weightNames) {
    const vars = opt.weightVariables();
    const names = opt.weightNames();
    vars.forEach((v, i) => {
      if (v === opt.iterations || slotVars.has(v)) return;
      const name = (names[i] ?? variableInfo(v).name).replace(/:\d+$/, '').split('/').pop()!;
      node.add(name, new TrackableNode({ fullName: `${prefix}/${name}`, value: v }));
    });
  }
  for (const s of opt.slots()) {
    const original = nodeOf.get(s.variable);
    if (!original) continue;
    const fullName = `${prefix}/${variableInfo(s.variable).path}/${s.slotName}`;
    node.slots.push({ original, slotName: s.slotName, slot: new TrackableNode({ fullName, value: s.slot }) });
  }
  return node;
}
