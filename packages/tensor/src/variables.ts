/**
 * Variables with Keras names. A keras-ts weight is a plain tfjs `Variable` (ops take it directly); its Keras
 * identity (`name` = 'kernel', `path` = 'dense_1/kernel') is kept beside it, because tfjs requires variable
 * names to be unique per process while Keras names repeat (two models may both hold 'dense/kernel').
 */
import * as tfc from '@tensorflow/tfjs-core';

export interface VariableInfo {
  /** The weight's own name, e.g. 'kernel'. */
  name: string;
  /** The Keras path, e.g. 'dense_1/kernel' (a Keras 2 HDF5 file adds ':0'). */
  path: string;
}

const infos = new WeakMap<tfc.Variable, VariableInfo>();
const used = new Set<string>();

export interface MakeVariableOptions {
  /** The Keras path, e.g. 'dense/kernel'. Its last segment is the weight's name. */
  path: string;
  trainable?: boolean;
  dtype?: tfc.DataType;
}

/** Creates a variable from `initial` (which the caller still owns) and records its Keras name and path. */
export function makeVariable(initial: tfc.Tensor, options: MakeVariableOptions): tfc.Variable {
  const { path, trainable = true, dtype } = options;
  let unique = path;
  for (let i = 1; used.has(unique); i++) unique = `${path}_${i}`;
  used.add(unique);
  const v = tfc.variable(initial, trainable, unique, dtype);
  infos.set(v, { name: path.split('/').pop()!, path });
  return v;
}

/** The Keras name and path of a variable (falls back to the tfjs name for variables made elsewhere). */
export function variableInfo(v: tfc.Variable): VariableInfo {
  return infos.get(v) ?? { name: v.name.split('/').pop()!, path: v.name };
}

/** Disposes a variable made by {@link makeVariable} and frees its unique name. */
export function disposeVariable(v: tfc.Variable): void {
  used.delete(v.name);
  infos.delete(v);
  if (!v.isDisposed) v.dispose();
}
