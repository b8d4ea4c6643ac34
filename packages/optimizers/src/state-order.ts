/**
 * The optimizer's state orders and names for files, and the checked assignment both restore paths use.
 *
 * - `variables` is Keras 3's order (what `.keras` files store as `optimizer/vars/<i>`): `iteration`, then
 *   `learning_rate` when it is a plain number (not when it is a schedule), then the optimizer variables in
 *   creation order (e.g. Adam: `kernel_momentum, kernel_velocity, bias_momentum, bias_velocity, ...`).
 * - `getWeights()`/`setWeights()` use tf.keras 2's order (HDF5 `optimizer_weights`): `iteration`, then any
 *   non-slot state (Nadam's momentum cache), then the slots grouped by slot name, each group in variable
 *   order (e.g. Adam: all `m`, then all `v`, then all `vhat`). The learning rate is not part of it (tf.keras
 *   2 keeps it in the config).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError, variableInfo } from '@keras-ts/tensor';

export interface StateParts {
  iterations: tf.Variable;
  extras: ReadonlyArray<{ variable: tf.Variable; legacyName: string }>;
  slots: ReadonlyArray<{ variable: tf.Variable; slotName: string; slot: tf.Variable }>;
  /** Position of each model variable in the list the optimizer was built with. */
  indexOf: ReadonlyMap<tf.Variable, number>;
}

/** The state in tf.keras 2 HDF5 `optimizer_weights` order. */
export function kerasTwoOrder(p: StateParts): tf.Variable[] {
  const groups = new Map<string, Array<StateParts['slots'][number]>>();
  for (const s of p.slots) {
    const list = groups.get(s.slotName) ?? [];
    list.push(s);
    groups.set(s.slotName, list);
  }
  const slots = [...groups.values()].flatMap((list) => list.sort((a, b) => p.indexOf.get(a.variable)! - p.indexOf.get(b.variable)!));
  return [p.iterations, ...p.extras.map((e) => e.variable), ...slots.map((s) => s.slot)];
}

/** tf.keras 2 names for {@link kerasTwoOrder}: `<prefix>/iter:0`, `<prefix>/<variable path>/<slot>:0`. */
export function kerasTwoNames(p: StateParts, prefix: string): string[] {
  const bySlot = new Map(p.slots.map((s) => [s.slot, s]));
  const extra = new Map(p.extras.map((e) => [e.variable, e.legacyName]));
  return kerasTwoOrder(p).map((v) => {
    if (v === p.iterations) return `${prefix}/iter:0`;
    const e = extra.get(v);
    if (e !== undefined) return `${prefix}/${e}:0`;
    const s = bySlot.get(v)!;
    return `${prefix}/${variableInfo(s.variable).path}/${s.slotName}:0`;
  });
}

/**
 * Assigns `values` to `targets` (casting dtypes) after checking every shape first, so that a mismatch
 * changes nothing. `describe(i)` names target i in the error.
 */
export function assignChecked(targets: tf.Variable[], values: tf.Tensor[], describe: (i: number) => string, what: string): void {
  targets.forEach((t, i) => {
    if (!tf.util.arraysEqual(t.shape, values[i]!.shape)) {
      throw new ValueError(`${describe(i)} has shape [${t.shape}], not compatible with the ${what} shape [${values[i]!.shape}].`);
    }
  });
  tf.tidy(() => targets.forEach((t, i) => t.assign(values[i]!.dtype === t.dtype ? values[i]! : tf.cast(values[i]!, t.dtype))));
}

/**
 * Restores state in Keras 3 order (a `.keras` file's `optimizer/vars/<i>`). As Keras, a different count (e.g.
 * an optimizer not built yet) warns, loads nothing and returns false; a shape mismatch is an error.
 */
export function loadKerasThreeOrder(targets: tf.Variable[], values: tf.Tensor[], opt: { className: string; name: string; built: boolean }): boolean {
  if (values.length !== targets.length) {
    console.warn(
      `${opt.className}: skipping variable loading for optimizer '${opt.name}', because it has ${targets.length} variables ` +
        `whereas the saved optimizer has ${values.length} variables.` +
        (opt.built ? '' : ' This is likely because the optimizer has not been called/built yet.'),
    );
    return false;
  }
  assignChecked(targets, values, (i) => `${opt.className}: optimizer variable '${variableInfo(targets[i]).path}'`, "saved value's");
  return true;
}
