/**
 * `Checkpoint`, like `tf.train.Checkpoint`: named objects (models, optimizers, variables) saved together with
 * a `save_counter`, as `<name>/...` keys. `save` numbers the files and updates the `checkpoint` state file;
 * `write` writes exactly the prefix given.
 */
import { dirname } from 'node:path';
import { Variable, ValueError, NotFoundError } from '@keras-ts/tensor';
import type { WriteBundleOptions } from './bundle-writer.js';
import { readCheckpointState, resolveStatePath, writeCheckpointState } from './checkpoint-state.js';
import { resolveCheckpointPath } from './inspect.js';
import { isCheckpointModel, isCheckpointOptimizer, type CheckpointModel, type CheckpointOptimizer } from './interfaces.js';
import { modelNode, optimizerNode } from './keras-naming.js';
import { trainableOf } from './model-checkpoint.js';
import { CheckpointResolver, writeObjectCheckpoint } from './object-checkpoint.js';
import { TrackableNode } from './object-graph.js';
import { RestorePlan } from './restore-plan.js';

export type Checkpointable = CheckpointModel | CheckpointOptimizer | Variable;

export interface CheckpointLoadStatus {
  /** Checkpoint keys restored. */
  restored: string[];
  /** Our objects or variables the checkpoint had no value for. */
  unrestored: string[];
  /** Checkpoint keys nothing was restored into. */
  unused: string[];
  /** Throws unless every object was restored and every checkpoint value used. */
  assertConsumed(): void;
}

export class Checkpoint {
  /** Number of `save` calls so far (restored from the checkpoint by `restore`). */
  saveCounter = 0;
  private readonly objects: Array<[string, Checkpointable]>;

  constructor(objects: Record<string, Checkpointable>) {
    this.objects = Object.entries(objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, obj] of this.objects) {
      if (name === 'save_counter') throw new ValueError('Checkpoint: "save_counter" is a reserved name');
      if (!(obj instanceof Variable) && !isCheckpointModel(obj) && !isCheckpointOptimizer(obj)) {
        throw new ValueError(`Checkpoint: "${name}" must be a model, an optimizer or a Variable, got ${typeof obj}`);
      }
    }
  }

  private tree(): TrackableNode {
    const nodeOf = new Map<Variable, TrackableNode>();
    const nodes = new Map<string, TrackableNode>();
    for (const [name, obj] of this.objects) {
      if (obj instanceof Variable) nodes.set(name, new TrackableNode({ fullName: name, value: obj }));
      else if (isCheckpointModel(obj)) nodes.set(name, modelNode(obj, nodeOf));
    }
    for (const [name, obj] of this.objects) if (!nodes.has(name)) nodes.set(name, optimizerNode(obj as CheckpointOptimizer, nodeOf));
    const root = new TrackableNode();
    for (const [name] of this.objects) root.add(name, nodes.get(name)!);
    root.add('save_counter', new TrackableNode({ fullName: 'save_counter', value: { dtype: 'int64', shape: [], values: BigInt64Array.of(BigInt(this.saveCounter)) } }));
    return root;
  }

  /** Writes the checkpoint at exactly `prefix`; returns it. */
  async write(prefix: string, options: WriteBundleOptions = {}): Promise<string> {
    await writeObjectCheckpoint(prefix, this.tree(), options);
    return prefix;
  }

  /** Writes `<prefix>-<n>` (n = the incremented save counter) and records it in the `checkpoint` state file. */
  async save(prefix: string, options: WriteBundleOptions = {}): Promise<string> {
    this.saveCounter++;
    const path = `${prefix}-${this.saveCounter}`;
    try {
      await this.write(path, options);
    } catch (e) {
      this.saveCounter--;
      throw e;
    }
    const dir = dirname(path);
    let previous = null;
    try {
      previous = readCheckpointState(dir);
    } catch {
      previous = null; // an unreadable state file is replaced by a valid one
    }
    const all = (previous?.allModelCheckpointPaths ?? []).map((p) => resolveStatePath(dir, p)).filter((p) => p !== path);
    await writeCheckpointState(dir, { modelCheckpointPath: path, allModelCheckpointPaths: [...all, path], allModelCheckpointTimestamps: [] });
    return path;
  }

  /** Restores every object from `path` (a prefix, or a directory: its latest checkpoint). */
  async restore(path: string): Promise<CheckpointLoadStatus> {
    const resolver = CheckpointResolver.open(resolveCheckpointPath(path));
    const plan = new RestorePlan(resolver);
    const root = resolver.root();
    const unrestored: string[] = [];
    const models = this.objects.filter(([, o]) => !(o instanceof Variable) && isCheckpointModel(o)) as Array<[string, CheckpointModel]>;
    for (const [name, obj] of this.objects) {
      const loc = resolver.child(root, name);
      if (!loc) {
        unrestored.push(name);
        continue;
      }
      if (obj instanceof Variable) {
        const key = resolver.valueKey(loc);
        if (!key) throw new NotFoundError(`Checkpoint.restore: "${name}" in the checkpoint holds no variable value`);
        plan.add(obj, key, `variable "${name}"`);
      } else if (isCheckpointModel(obj)) {
        plan.planModel(obj, loc, `restoring "${name}"`);
      }
    }
    for (const [name, obj] of this.objects) {
      const loc = resolver.child(root, name);
      if (loc && isCheckpointOptimizer(obj) && !(obj instanceof Variable)) {
        plan.planOptimizer(obj, loc, models.flatMap(([, m]) => trainableOf(m)));
      }
    }
    const counterLoc = resolver.child(root, 'save_counter');
    const counterKey = counterLoc && resolver.valueKey(counterLoc);
    const restored = plan.execute();
    if (counterKey) {
      const raw = resolver.reader.getRaw(counterKey);
      this.saveCounter = Number((raw.values as ArrayLike<number | bigint>)[0] ?? 0);
      restored.push(counterKey);
    }
    const used = new Set(restored);
    const unused = resolver.reader.names().filter((n) => !used.has(n) && n !== '_CHECKPOINTABLE_OBJECT_GRAPH');
    const all = [...unrestored, ...plan.unrestored];
    return {
      restored,
      unrestored: all,
      unused,
      assertConsumed() {
        if (all.length || unused.length) {
          throw new ValueError(
            `Checkpoint was not fully consumed. Not restored: ${all.join(', ') || 'none'}; unused checkpoint values: ${unused.join(', ') || 'none'}`,
          );
        }
      },
    };
  }

  /** Same as {@link restore} (for checkpoints made with `write`). */
  read(path: string): Promise<CheckpointLoadStatus> {
    return this.restore(path);
  }
}
