/**
 * Restoring a model and an optimizer from a checkpoint: first every variable is matched to its key and every
 * value read and checked (shape, dtype), then all are assigned, so a failed restore changes nothing.
 */
import * as tf from '@keras-ts/tensor';
import { NotFoundError, ShapeError, variableInfo, type Variable } from '@keras-ts/tensor';
import type { CheckpointModel, CheckpointOptimizer } from './interfaces.js';
import { isNestedModel, layerDependencies, layersWithWeights, OPTIMIZER_HYPERS, type Dependency } from './keras-naming.js';
import type { CheckpointResolver, Loc } from './object-checkpoint.js';
import { rawToTensor } from './raw-convert.js';

const HYPER_ALIASES: Record<string, string[]> = { iter: ['iter', 'iteration', '_iterations'] };

export class RestorePlan {
  private readonly items: Array<{ variable: Variable; key: string; where: string }> = [];
  readonly locOf = new Map<Variable, Loc>();
  /** Variables for which the checkpoint had no value (left as they were). */
  readonly unrestored: string[] = [];
  /** Keys matched to state that lives in a config rather than a variable (optimizer hyperparameters). */
  private readonly consumed: string[] = [];
  private readonly setters: Array<{ key: string; set: (value: number) => void }> = [];

  constructor(readonly resolver: CheckpointResolver) {}

  add(variable: Variable, key: string, where: string): void {
    this.items.push({ variable, key, where });
  }

  /** Checkpoint keys this plan restores. */
  get keys(): string[] {
    return [...this.items.map((i) => i.key), ...this.setters.map((s) => s.key), ...this.consumed];
  }

  planModel(model: CheckpointModel, loc: Loc, where: string): void {
    const layers = layersWithWeights(model);
    layers.forEach((layer, j) => {
      const name = `layer_with_weights-${j}`;
      const child = this.resolver.child(loc, name);
      if (!child) {
        const have = this.resolver.childNames(loc).filter((n) => n.startsWith('layer_with_weights-'));
        throw new NotFoundError(
          `${where}: the checkpoint has no "${name}" for layer "${layer.name}" (the model has ${layers.length} layers with weights, ` +
            `the checkpoint ${have.length}: ${have.join(', ') || 'none'}). Was it saved from a different model?`,
        );
      }
      if (isNestedModel(layer)) this.planModel(layer, child, `${where} > ${layer.name}`);
      else this.planLayer(layerDependencies(layer), child, `${where} > layer "${layer.name}"`);
    });
  }

  private planLayer(deps: Dependency[], loc: Loc, where: string): void {
    for (const dep of deps) {
      const child = this.resolver.child(loc, dep.name);
      const missing = () =>
        new NotFoundError(`${where}: the checkpoint has no "${dep.name}" here (it has: ${this.resolver.childNames(loc).join(', ') || 'nothing'})`);
      if (!child) throw missing();
      if (dep.kind === 'weight') {
        const key = this.resolver.valueKey(child);
        if (!key) throw missing();
        this.add(dep.variable, key, `${where}, weight "${dep.name}"`);
        this.locOf.set(dep.variable, child);
      } else if (dep.kind === 'layer') {
        if (isNestedModel(dep.layer)) this.planModel(dep.layer, child, `${where} > ${dep.layer.name}`);
        else this.planLayer(layerDependencies(dep.layer), child, `${where} > ${dep.name}`);
      } else {
        dep.layers.forEach((l, i) => {
          const item = this.resolver.child(child, String(i));
          if (!item) throw missing();
          this.planLayer(layerDependencies(l), item, `${where} > ${dep.name}[${i}]`);
        });
      }
    }
  }

  /** Plans the optimizer's iterations and slots; builds it first when it has no slots yet but the checkpoint does. */
  planOptimizer(opt: CheckpointOptimizer, loc: Loc, trainable: Variable[]): void {
    const iterLoc = HYPER_ALIASES.iter!.map((n) => this.resolver.child(loc, n)).find((l) => l);
    const iterKey = iterLoc && this.resolver.valueKey(iterLoc);
    if (iterKey) this.add(opt.iterations, iterKey, 'optimizer iterations');
    else this.unrestored.push('optimizer iterations');
    for (const name of OPTIMIZER_HYPERS) {
      const hyperLoc = this.resolver.child(loc, name);
      const key = hyperLoc && this.resolver.valueKey(hyperLoc);
      if (!key) continue;
      const o = opt as CheckpointOptimizer & { learningRate?: unknown; learningRateSchedule?: unknown };
      if (name === 'learning_rate' && typeof o.learningRate === 'number' && o.learningRateSchedule == null) {
        this.setters.push({ key, set: (value) => (o.learningRate = value) });
      } else {
        this.consumed.push(key);
      }
    }
    if (opt.slots().length === 0 && opt.built !== true && opt.build && this.resolver.hasSlots(loc)) opt.build(trainable);
    for (const s of opt.slots()) {
      const original = this.locOf.get(s.variable);
      const key = original && this.resolver.slotKey(loc, original, s.slotName);
      const where = `optimizer slot "${s.slotName}" of "${variableInfo(s.variable).path}"`;
      if (key) this.add(s.slot, key, where);
      else this.unrestored.push(where);
    }
  }

  /** Reads and checks every value, then assigns them all. Returns the keys restored. */
  execute(): string[] {
    const values: tf.Tensor[] = [];
    try {
      for (const { variable, key, where } of this.items) {
        const raw = this.resolver.reader.getRaw(key);
        if (raw.shape.length !== variable.shape.length || raw.shape.some((d, i) => d !== variable.shape[i])) {
          throw new ShapeError(
            `${where}: received a tensor of shape [${raw.shape.join(', ')}] from checkpoint key "${key}", but the variable has shape [${variable.shape.join(', ')}]`,
          );
        }
        const t = rawToTensor(raw, key);
        values.push(t);
        if (t.dtype !== variable.dtype) {
          values[values.length - 1] = tf.cast(t, variable.dtype);
          t.dispose();
        }
      }
      const scalars = this.setters.map(({ key }) => {
        const raw = this.resolver.reader.getRaw(key);
        if (raw.values.length !== 1 || raw.dtype === 'string') throw new ShapeError(`checkpoint key "${key}" is not a numeric scalar`);
        return Number((raw.values as ArrayLike<number | bigint>)[0]);
      });
      this.items.forEach(({ variable }, i) => variable.assign(values[i]!));
      this.setters.forEach(({ set }, i) => set(scalars[i]!));
    } finally {
      tf.dispose(values);
    }
    return this.keys;
  }
}
