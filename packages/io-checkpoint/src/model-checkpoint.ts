/**
 * `model.saveWeights(prefix)` / `loadWeights(prefix)` in TensorFlow's checkpoint format, named as tf.keras 2
 * names them: the model is the root object, its optimizer the child `optimizer`.
 */
import { dirname } from 'node:path';
import { ValueError, type Variable } from '@keras-ts/tensor';
import type { WriteBundleOptions } from './bundle-writer.js';
import { writeCheckpointState } from './checkpoint-state.js';
import { isCheckpointOptimizer, type CheckpointModel, type CheckpointOptimizer } from './interfaces.js';
import { modelNode, optimizerNode } from './keras-naming.js';
import { CheckpointResolver, writeObjectCheckpoint } from './object-checkpoint.js';
import type { TrackableNode } from './object-graph.js';
import { RestorePlan } from './restore-plan.js';

export interface ModelCheckpointOptions extends WriteBundleOptions {
  /** Optimizer whose state (iterations, hyperparameters, slots) is saved or restored; default `model.optimizer`. */
  optimizer?: CheckpointOptimizer | null;
  /** Write/update the `checkpoint` state file in the prefix's directory (default true, like tf.keras 2). */
  updateState?: boolean;
}

export interface LoadResult {
  /** Checkpoint keys whose values were assigned. */
  restored: string[];
  /** Variables the checkpoint had no value for (optimizer state only; missing model weights are an error). */
  unrestored: string[];
}

function optimizerOf(model: CheckpointModel, options: ModelCheckpointOptions): CheckpointOptimizer | null {
  if (options.optimizer !== undefined) return options.optimizer;
  return isCheckpointOptimizer(model.optimizer) ? model.optimizer : null;
}

function checkModel(model: CheckpointModel, what: string): void {
  if (!model || !Array.isArray(model.layers)) throw new ValueError(`${what}: expected a model with a \`layers\` array, got ${typeof model}`);
  if (model.layers.every((l) => l.weights.length === 0)) {
    throw new ValueError(`${what}: the model has no weights yet. Build it (call it on data or give it an input shape) first.`);
  }
}

export function modelTree(model: CheckpointModel, optimizer: CheckpointOptimizer | null, nodeOf = new Map<Variable, TrackableNode>()): TrackableNode {
  const root = modelNode(model, nodeOf);
  if (optimizer) root.add('optimizer', optimizerNode(optimizer, nodeOf));
  return root;
}

/** Saves the model's weights (and optimizer state) as the checkpoint `<prefix>.index` + `<prefix>.data-*`. */
export async function saveModelCheckpoint(prefix: string, model: CheckpointModel, options: ModelCheckpointOptions = {}): Promise<void> {
  checkModel(model, 'saveModelCheckpoint');
  await writeObjectCheckpoint(prefix, modelTree(model, optimizerOf(model, options)), options);
  if (options.updateState !== false) {
    await writeCheckpointState(dirname(prefix), { modelCheckpointPath: prefix, allModelCheckpointPaths: [prefix], allModelCheckpointTimestamps: [] });
  }
}

/** Restores weights (and optimizer state, if asked and present) saved by keras-ts or by tf.keras 2. */
export async function loadModelCheckpoint(prefix: string, model: CheckpointModel, options: ModelCheckpointOptions = {}): Promise<LoadResult> {
  checkModel(model, 'loadModelCheckpoint');
  const resolver = CheckpointResolver.open(prefix);
  const plan = new RestorePlan(resolver);
  const root = resolver.root();
  // A `tf.train.Checkpoint(model=..., optimizer=...)` file holds the model under `model/`.
  const modelLoc = !resolver.child(root, 'layer_with_weights-0') && resolver.child(root, 'model') ? resolver.child(root, 'model')! : root;
  plan.planModel(model, modelLoc, `loading "${prefix}"`);
  const optimizer = optimizerOf(model, options);
  if (optimizer) {
    const loc = resolver.child(root, 'optimizer') ?? resolver.child(modelLoc, 'optimizer');
    if (loc) plan.planOptimizer(optimizer, loc, trainableOf(model));
    else plan.unrestored.push('optimizer (the checkpoint has no optimizer state)');
  }
  return { restored: plan.execute(), unrestored: plan.unrestored };
}

export function trainableOf(model: CheckpointModel): Variable[] {
  return model.trainableWeights ?? model.layers.flatMap((l) => l.weights).filter((v) => v.trainable);
}
