/**
 * `Optimizer`: the Keras 3 optimizer template. The base owns the step count, the learning rate (a variable or
 * a schedule), gradient clipping, weight decay, loss scaling, the weight EMA and the optimizer's variables; a
 * subclass only implements `build(vars)` (creating its slots with `addOptimizerVariables`) and
 * `updateStep(gradient, variable, learningRate)`.
 *
 * A step (`applyGradients`) runs in one `tidy`, never reads a value back to JS, and creates no variable after
 * the first (building) call.
 *
 * State comes in two documented orders (Keras 3's `variables`, tf.keras 2's `getWeights`): see
 * `state-order.ts`.
 *
 * `iterations` is an int32 scalar variable (Keras: int64 on TensorFlow, int32 on JAX); writers of int64
 * files cast it.
 */
import * as tf from '@keras-ts/tensor';
import { RuntimeError, ValueError, makeVariable, disposeVariable, variableInfo } from '@keras-ts/tensor';
import { resolveBaseOptions, type LearningRate, type OptimizerOptions } from './base-options.js';
import { clipGradients } from './clipping.js';
import { applyWeightDecay, WeightDecayExclusions } from './weight-decay.js';
import { minimize } from './minimize.js';
import { accumulateAndUpdate } from './gradient-accumulation.js';
import { updateMovingAverages } from './moving-average.js';
import { autoName, type OptimizerConfig } from './config.js';
import { optionsFromConfig } from './options-from-config.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { assignChecked, kerasTwoNames, kerasTwoOrder, loadKerasThreeOrder, type StateParts } from './state-order.js';

export type { LearningRate, OptimizerOptions } from './base-options.js';

/** One slot variable: `slot` holds per-element state of `variable`. */
export interface SlotInfo {
  /** The model variable the slot belongs to. */
  variable: tf.Variable;
  /** The tf.keras 2 checkpoint / HDF5 slot name (`m`, `v`, `vhat`, `momentum`, `rms`, `mg`, ...). */
  slotName: string;
  /** The Keras 3 variable name suffix (`momentum`, `velocity`, `velocity_hat`, `average_gradient`, ...). */
  kerasName: string;
  slot: tf.Variable;
}

/** A kind of slot a subclass creates: its Keras 3 name, its tf.keras 2 name, and its initial value. */
export interface SlotSpec {
  name: string;
  legacyName: string;
  initialValue?: number;
}

export abstract class Optimizer {
  /** The Keras class name ('Adam', 'SGD', ...), used in configs. */
  abstract readonly className: string;

  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly lossScaleFactor: number | null;
  readonly useEma: boolean;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  readonly gradientAccumulationSteps: number | null;
  /** The step count (int32 scalar), incremented once per `applyGradients`. */
  readonly iterations: tf.Variable;
  built = false;

  private lr: tf.Variable | LearningRateSchedule;
  private stateVars: tf.Variable[] = [];
  private slotInfos: SlotInfo[] = [];
  private extraInfos: Array<{ variable: tf.Variable; legacyName: string }> = [];
  private trainable: tf.Variable[] = [];
  private emaAverages: tf.Variable[] = [];
  private gradientAccumulators: tf.Variable[] = [];
  private indexOf = new Map<tf.Variable, number>();
  private decayExclusions = new WeightDecayExclusions();
  private stepScalars: Map<string, tf.Tensor> | null = null;
  private constants = new Map<number, tf.Scalar>();
  private disposed = false;

  /**
   * @param options the base options merged with the subclass's.
   * @param ownOptions the option names the subclass accepts, for the "not recognized" check.
   * @param defaultLearningRate the subclass's default learning rate.
   */
  protected constructor(options: OptimizerOptions & Record<string, unknown>, ownOptions: readonly string[], defaultLearningRate: number) {
    const className = new.target.name;
    const resolved = resolveBaseOptions(className, options, ownOptions, defaultLearningRate);
    this.name = resolved.name ?? autoName(className);
    this.weightDecay = resolved.weightDecay;
    this.clipnorm = resolved.clipnorm;
    this.clipvalue = resolved.clipvalue;
    this.globalClipnorm = resolved.globalClipnorm;
    this.lossScaleFactor = resolved.lossScaleFactor;
    this.useEma = resolved.useEma;
    this.emaMomentum = resolved.emaMomentum;
    this.emaOverwriteFrequency = resolved.emaOverwriteFrequency;
    this.gradientAccumulationSteps = resolved.gradientAccumulationSteps;
    const learningRate = resolved.learningRate;
    const zero = tf.scalar(0, 'int32');
    this.iterations = this.track(makeVariable(zero, { path: `${this.name}/iteration`, trainable: false }));
    zero.dispose();
    this.lr = learningRate instanceof LearningRateSchedule ? learningRate : this.track(this.scalarVariable('learning_rate', learningRate));
  }

  // ---- what subclasses implement -------------------------------------------------------------------------

  /** Creates the optimizer's variables for `vars` (call `super.build(vars)` first). Runs once. */
  build(vars: tf.Variable[]): void {
    if (this.built) return;
    this.checkNotDisposed();
    vars.forEach((v, i) => {
      if (this.indexOf.has(v)) throw new ValueError(`${this.className}.build: variable '${variableInfo(v).path}' is listed twice.`);
      this.indexOf.set(v, i);
    });
    this.trainable = [...vars];
    if (this.useEma) [this.emaAverages] = this.addOptimizerVariables(vars, [{ name: 'average', legacyName: 'average' }]) as [tf.Variable[]];
    if (this.gradientAccumulationSteps !== null) {
      [this.gradientAccumulators] = this.addOptimizerVariables(vars, [{ name: 'gradient_accumulator', legacyName: 'gradient_accumulator' }]) as [tf.Variable[]];
    }
    this.built = true;
  }

  /** Updates `variable` (and its slots) from `gradient`. Runs inside the step's `tidy`. */
  protected abstract updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar): void;

  /** Runs once per step before the `updateStep` calls (Nadam updates its momentum cache here). */
  protected prepareStep(_learningRate: tf.Scalar): void {}

  /** The subclass's own config entries (snake_case), appended after the base keys. */
  protected abstract ownConfig(): Record<string, unknown>;

  // ---- helpers for subclasses ----------------------------------------------------------------------------

  /**
   * Creates one slot per variable for each spec, interleaved per variable as Keras 3 does
   * (`kernel_momentum, kernel_velocity, bias_momentum, ...`); returns one list per spec, in variable order.
   */
  protected addOptimizerVariables(vars: tf.Variable[], specs: SlotSpec[]): tf.Variable[][] {
    const out: tf.Variable[][] = specs.map(() => []);
    for (const variable of vars) {
      const ref = variableInfo(variable).path.replace(/\//g, '_');
      specs.forEach((spec, i) => {
        const init = tf.fill(variable.shape, spec.initialValue ?? 0, variable.dtype);
        const slot = makeVariable(init, { path: `${this.name}/${ref}_${spec.name}`, trainable: false });
        init.dispose();
        this.track(slot);
        this.slotInfos.push({ variable, slotName: spec.legacyName, kerasName: spec.name, slot });
        out[i]!.push(slot);
      });
    }
    return out;
  }

  /** Creates a non-slot scalar state variable (e.g. Nadam's momentum cache). */
  protected addScalarVariable(kerasName: string, legacyName: string, value: number): tf.Variable {
    const v = this.track(this.scalarVariable(kerasName, value));
    this.extraInfos.push({ variable: v, legacyName });
    return v;
  }

  /** The index of `variable` in the list the optimizer was built with. */
  protected variableIndex(variable: tf.Variable): number {
    const i = this.indexOf.get(variable);
    if (i === undefined) throw new ValueError(this.unknownVariableMessage(variable));
    return i;
  }

  /**
   * A per-step value shared by all `updateStep` calls of one step (e.g. `beta1 ^ (iterations + 1)`), computed
   * once; only valid inside the step.
   */
  protected perStep(key: string, compute: () => tf.Tensor): tf.Tensor {
    if (!this.stepScalars) throw new RuntimeError(`${this.className}: perStep() is only valid during applyGradients().`);
    let t = this.stepScalars.get(key);
    if (!t) {
      t = compute();
      this.stepScalars.set(key, t);
    }
    return t;
  }

  /**
   * A float32 scalar constant, made once and kept until `dispose()` (so a step uploads no new constants).
   * Its value is `Math.fround(value)`, exactly what passing the number to an op would use.
   */
  protected constant(value: number): tf.Scalar {
    let c = this.constants.get(value);
    if (!c) {
      c = tf.keep(tf.scalar(value, 'float32'));
      this.constants.set(value, c);
    }
    return c;
  }

  /**
   * The step count the update rules see (int32): `iterations`, or with gradient accumulation the number of
   * updates made so far, `floor(iterations / gradientAccumulationSteps)` (Keras's `optimizer.iterations`).
   */
  protected updateCount(): tf.Tensor {
    const steps = this.gradientAccumulationSteps;
    return this.perStep('updateCount', () => (steps === null ? this.iterations : tf.floorDiv(this.iterations, tf.scalar(steps, 'int32'))));
  }

  /** `updateCount() + 1` as a float32 scalar (the step number Keras's update rules use). */
  protected localStep(): tf.Scalar {
    return this.perStep('localStep', () => tf.cast(tf.add(this.updateCount(), 1), 'float32')) as tf.Scalar;
  }

  // ---- the step ------------------------------------------------------------------------------------------

  /**
   * Applies one step. Pairs whose gradient is null are skipped (Keras warns; the step still counts), but all
   * listed variables are tracked when this first call builds the optimizer.
   */
  applyGradients(gradsAndVars: Array<[tf.Tensor | null | undefined, tf.Variable]>): void {
    this.checkNotDisposed();
    if (gradsAndVars.length === 0) return;
    const vars = gradsAndVars.map(([, v]) => v);
    if (!this.built) this.build(vars);
    for (const v of vars) if (!this.indexOf.has(v)) throw new ValueError(this.unknownVariableMessage(v));
    const pairs = gradsAndVars.filter((p): p is [tf.Tensor, tf.Variable] => p[0] != null);
    if (pairs.length === 0) throw new ValueError(`${this.className}: no gradients provided for any variable.`);
    for (const [g, v] of pairs) {
      if (!tf.util.arraysEqual(g.shape, v.shape)) {
        throw new ValueError(
          `${this.className}: gradient for variable '${variableInfo(v).path}' has shape [${g.shape}] but the variable has shape [${v.shape}].`,
        );
      }
    }
    if (pairs.length < gradsAndVars.length) {
      const missing = gradsAndVars.filter((p) => p[0] == null).map(([, v]) => variableInfo(v).path);
      console.warn(`${this.className}: gradients do not exist for variables [${missing.join(', ')}] when minimizing the loss.`);
    }
    tf.tidy(() => {
      this.stepScalars = new Map();
      try {
        let grads = pairs.map(([g, v]) => (g.dtype === v.dtype ? g : tf.cast(g, v.dtype)));
        const variables = pairs.map(([, v]) => v);
        if (this.lossScaleFactor !== null) grads = grads.map((g) => tf.div(g, this.lossScaleFactor!));
        if (this.gradientAccumulationSteps === null) {
          this.update(grads, variables);
        } else {
          accumulateAndUpdate(grads, variables, this.gradientAccumulationSteps, {
            iterations: this.iterations,
            accumulators: variables.map((v) => this.gradientAccumulators[this.variableIndex(v)]!),
            restorable: this.stateVars.filter((v) => v !== this.iterations),
            update: (g, vs) => this.update(g, vs),
          });
        }
        if (this.useEma) {
          const { trainable: variables, emaAverages: averages, emaMomentum: momentum, emaOverwriteFrequency: overwriteFrequency } = this;
          updateMovingAverages({ iterations: this.updateCount(), variables, averages, momentum, overwriteFrequency });
        }
        this.iterations.assign(tf.add(this.iterations, tf.scalar(1, 'int32')));
      } finally {
        this.stepScalars = null;
      }
    });
  }

  /** Clipping, weight decay and the update rule: the core of a step. */
  private update(grads: tf.Tensor[], variables: tf.Variable[]): void {
    grads = clipGradients(grads, this);
    const lr = this.currentLearningRate();
    if (this.weightDecay !== null) applyWeightDecay(variables, lr, this.constant(this.weightDecay), this.decayExclusions);
    this.prepareStep(lr);
    grads.forEach((g, i) => this.updateStep(g, variables[i]!, lr));
  }

  /**
   * Computes the gradients of `lossFn()` with respect to `varList` and applies them. Returns the loss, which
   * the caller owns (dispose it).
   */
  minimize(lossFn: () => tf.Scalar, varList: tf.Variable[]): tf.Scalar {
    return minimize(this, lossFn, varList);
  }

  /**
   * Ends training: with `useEma`, overwrites `vars` (default: the variables the optimizer was built with)
   * with their moving averages. Otherwise does nothing.
   */
  finalizeVariableValues(vars: tf.Variable[] = this.trainable): void {
    this.checkNotDisposed();
    if (!this.useEma) return;
    if (vars.length !== this.emaAverages.length) {
      throw new ValueError(
        `${this.className}: the number of model variables (${vars.length}) to overwrite does not match the number of ` +
          `variables stored in the optimizer (${this.emaAverages.length}). Check that the optimizer was used on this model.`,
      );
    }
    vars.forEach((v, i) => v.assign(this.emaAverages[i]!));
  }

  /** `loss * lossScaleFactor` (unchanged when there is none). */
  scaleLoss(loss: tf.Tensor): tf.Tensor {
    return this.lossScaleFactor === null ? loss : tf.mul(loss, this.lossScaleFactor);
  }

  /**
   * Excludes variables from weight decay: those listed, and those whose name (e.g. 'bias') matches any of
   * `varNames` (as regular expressions, like Keras). Only before the optimizer is built.
   */
  excludeFromWeightDecay(options: { varList?: tf.Variable[]; varNames?: string[] }): void {
    if (this.built) throw new ValueError(`${this.className}: excludeFromWeightDecay() can only be configured before the optimizer is built.`);
    this.decayExclusions.set(options);
  }

  // ---- learning rate -------------------------------------------------------------------------------------

  /** The learning rate for the current step, as a float32 scalar (a schedule is evaluated at `iterations`). */
  currentLearningRate(): tf.Scalar {
    return this.lr instanceof LearningRateSchedule ? this.lr.call(this.iterations) : (this.lr as tf.Scalar);
  }

  /** The learning rate now, as a number (reads back; not for use inside a step). */
  get learningRate(): number {
    return tf.tidy(() => this.currentLearningRate().dataSync()[0]!);
  }

  /**
   * Sets a number (assigned to the learning-rate variable) or a schedule (replacing the variable, as Keras
   * untracks it). A number cannot replace a schedule: Keras raises there too.
   */
  set learningRate(value: LearningRate) {
    this.checkNotDisposed();
    if (value instanceof LearningRateSchedule) {
      if (!(this.lr instanceof LearningRateSchedule)) {
        const old = this.lr;
        this.stateVars = this.stateVars.filter((v) => v !== old);
        disposeVariable(old);
      }
      this.lr = value;
      return;
    }
    if (this.lr instanceof LearningRateSchedule) {
      throw new ValueError(
        `${this.className}: this optimizer was created with a LearningRateSchedule as its learning rate, so its learning ` +
          'rate is not settable. Create the optimizer with a number `learningRate` to be able to set it.',
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValueError(`${this.className}: learning rate must be a finite number. Received: ${String(value)}`);
    }
    const lr = this.lr;
    tf.tidy(() => lr.assign(tf.scalar(value)));
  }

  /** The schedule, when the learning rate is one. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.lr instanceof LearningRateSchedule ? this.lr : null;
  }

  // ---- state ---------------------------------------------------------------------------------------------

  /** All state variables in Keras 3 order (see the file comment). */
  get variables(): tf.Variable[] {
    return [...this.stateVars];
  }

  /** Every slot with its model variable and both Keras names, in creation (Keras 3) order. */
  slots(): SlotInfo[] {
    return [...this.slotInfos];
  }

  /** The state in tf.keras 2 HDF5 `optimizer_weights` order (see the file comment). */
  weightVariables(): tf.Variable[] {
    return kerasTwoOrder(this.stateParts());
  }

  /**
   * tf.keras 2 style names for `weightVariables()`, as an HDF5 `optimizer_weights` writer would write them:
   * `<prefix>/iter:0`, `<prefix>/<variable path>/<slot>:0`. The prefix defaults to the optimizer's name;
   * tf.keras 2 named optimizers after their class ('Adam'), so pass `opt.className` to write such files.
   */
  weightNames(prefix: string = this.name): string[] {
    return kerasTwoNames(this.stateParts(), prefix);
  }

  private stateParts(): StateParts {
    return { iterations: this.iterations, extras: this.extraInfos, slots: this.slotInfos, indexOf: this.indexOf };
  }

  /** Copies of the state in tf.keras 2 order; the caller owns (disposes) them. */
  getWeights(): tf.Tensor[] {
    this.checkNotDisposed();
    return this.weightVariables().map((v) => tf.clone(v));
  }

  /** Restores state written by `getWeights()` (tf.keras 2 order). The optimizer must be built. */
  setWeights(values: tf.Tensor[]): void {
    this.checkNotDisposed();
    if (!this.built) {
      throw new ValueError(
        `${this.className}: setWeights() called on an optimizer that has not been built yet. Call ` +
          '`optimizer.build(trainableVariables)` first to create its variables.',
      );
    }
    const targets = this.weightVariables();
    if (values.length !== targets.length) {
      throw new ValueError(
        `${this.className}: setWeights() expected ${targets.length} arrays (${this.weightNames().join(', ')}), but received ${values.length}.`,
      );
    }
    const names = this.weightNames();
    assignChecked(targets, values, (i) => `${this.className}: optimizer variable '${names[i]}'`, 'provided weight');
  }

  /** Copies of `variables` (Keras 3 order, as `.keras` files store `optimizer/vars/<i>`); the caller owns them. */
  saveOwnVariables(): tf.Tensor[] {
    this.checkNotDisposed();
    return this.stateVars.map((v) => tf.clone(v));
  }

  /**
   * Restores `variables` from Keras 3 order (a `.keras` file's `optimizer/vars/<i>`; an int64 iteration count
   * may come as any numeric dtype). As Keras, a different count (e.g. an optimizer not built yet) warns and
   * loads nothing, and returns false; a shape mismatch is an error.
   */
  loadOwnVariables(values: tf.Tensor[]): boolean {
    this.checkNotDisposed();
    return loadKerasThreeOrder(this.stateVars, values, { className: this.className, name: this.name, built: this.built });
  }


  /** Frees every variable the optimizer made. The model's variables are untouched. */
  dispose(): void {
    if (this.disposed) return;
    for (const v of this.stateVars) disposeVariable(v);
    tf.dispose([...this.constants.values()]);
    this.constants.clear();
    this.stateVars = [];
    this.slotInfos = [];
    this.extraInfos = [];
    this.disposed = true;
  }

  // ---- config --------------------------------------------------------------------------------------------

  /** The Keras 3 config (snake_case keys, base keys first, in Keras's order). */
  getConfig(): OptimizerConfig {
    const lr = this.lr instanceof LearningRateSchedule ? this.lr.serialize() : this.learningRate;
    return {
      name: this.name,
      learning_rate: lr,
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: this.useEma,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: this.emaOverwriteFrequency,
      loss_scale_factor: this.lossScaleFactor,
      gradient_accumulation_steps: this.gradientAccumulationSteps,
      ...this.ownConfig(),
    };
  }

  /**
   * Creates an optimizer of this class from a Keras config (Keras 3 or tf.keras 2 keys; see
   * `optionsFromConfig`): `Adam.fromConfig({learning_rate: 0.01, beta_1: 0.8})`. On the base class, use
   * `deserialize({class_name, config})` instead.
   */
  static fromConfig<T extends Optimizer>(this: new (options: never) => T, config: Record<string, unknown>): T {
    if ((this as unknown) === Optimizer) {
      throw new ValueError('Optimizer.fromConfig: the base class is abstract; call it on a subclass (Adam.fromConfig) or use deserialize({class_name, config}).');
    }
    return new this(optionsFromConfig(config) as never);
  }

  // ---- internals -----------------------------------------------------------------------------------------

  private track(v: tf.Variable): tf.Variable {
    this.stateVars.push(v);
    return v;
  }

  private scalarVariable(kerasName: string, value: number): tf.Variable {
    const init = tf.scalar(value, 'float32');
    const v = makeVariable(init, { path: `${this.name}/${kerasName}`, trainable: false });
    init.dispose();
    return v;
  }

  private unknownVariableMessage(v: tf.Variable): string {
    return (
      `${this.className}: unknown variable '${variableInfo(v).path}'. This optimizer can only be called for the variables ` +
      'it was originally built with. When working with a new set of variables, create a new optimizer instance.'
    );
  }

  private checkNotDisposed(): void {
    if (this.disposed) throw new RuntimeError(`${this.className} '${this.name}' has been disposed.`);
  }
}
