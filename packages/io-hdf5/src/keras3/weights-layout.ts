/**
 * Keras 3's weights layout (`model.weights.h5` inside a `.keras` archive, and `.weights.h5` files): one
 * group per saveable object, at the object's path (`layers/dense`, `layers/functional/layers/dense_1`,
 * `optimizer`, and the model itself at the root), holding a `vars` group whose datasets are named by index
 * ('0', '1', ...) in the object's variable order; Keras 3.6+ also stores the object's `name` attribute on
 * `vars`.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { DTYPES, ensureGroup, group, lookup, stringAttr, type H5Group } from '../h5/tree.js';
import { h5DtypeOf, weightFromDataset, type WeightValue } from '../weight-values.js';

export interface VarsEntry {
  /** The object's path, '' for the root, e.g. 'layers/dense' or 'optimizer'. */
  path: string;
  /** The object's `name` attribute, when stored. */
  name?: string;
  vars: WeightValue[];
}

/** Every `vars` group in the tree, with its variables in index order. */
export function readVarsEntries(root: H5Group, source?: string): Map<string, VarsEntry> {
  const out = new Map<string, VarsEntry>();
  const visit = (g: H5Group, path: string): void => {
    for (const c of g.children) {
      if (c.type !== 'group') continue;
      const childPath = path === '' ? c.name : `${path}/${c.name}`;
      if (c.name === 'vars') {
        const indices = c.children.map((d) => d.name);
        const vars: WeightValue[] = [];
        for (let i = 0; i < indices.length; i++) {
          const ds = lookup(c, String(i));
          if (!ds || ds.type !== 'dataset') {
            throw new FileFormatError(`${childPath} has ${indices.length} members but no dataset "${i}" (found ${JSON.stringify(indices.slice(0, 8))})`, source);
          }
          vars.push(weightFromDataset(ds, String(i), `/${childPath}`, source));
        }
        const nameAttr = c.attrs.find((a) => a.name === 'name');
        const name = nameAttr && Array.isArray(nameAttr.value) ? nameAttr.value[0] : undefined;
        out.set(path, { path, name, vars });
      } else {
        visit(c, childPath);
      }
    }
  };
  visit(root, '');
  return out;
}

/** The weights tree for `entries` (the root's `vars` group is always written, empty or not). */
export function varsTree(entries: VarsEntry[]): H5Group {
  const root = group('');
  const all = entries.some((e) => e.path === '') ? entries : [{ path: '', vars: [] }, ...entries];
  for (const e of all) {
    const owner = e.path === '' ? root : ensureGroup(root, e.path);
    const vars = ensureGroup(owner, 'vars');
    if (e.name !== undefined) vars.attrs.push(stringAttr('name', e.name, DTYPES.vlenUtf8));
    e.vars.forEach((w, i) => {
      vars.children.push({ type: 'dataset', name: String(i), dtype: h5DtypeOf(w.dtype), shape: [...w.shape], data: w.data, attrs: [] });
    });
  }
  return root;
}

/** Keras 3's `naming.to_snake_case`: 'BatchNormalization' → 'batch_normalization', 'ReLU' → 're_lu'. */
export function toSnakeCase(name: string): string {
  let s = name.replace(/\W+/g, '');
  s = s.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The names Keras 3 gives a list of saveables by class: dense, dense_1, re_lu, ... */
export function containerNames(classNames: string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((cls) => {
    const base = toSnakeCase(cls);
    const n = used.get(base);
    if (n === undefined) {
      used.set(base, 0);
      return base;
    }
    used.set(base, n + 1);
    return `${base}_${n + 1}`;
  });
}
