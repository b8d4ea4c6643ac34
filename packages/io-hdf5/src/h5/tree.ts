/**
 * A plain, in-memory picture of an HDF5 file: what the worker reads out and what it writes. Keras files are
 * small trees of groups, datasets and attributes, so whole files are read at once (bounded by the limits of
 * `readHdf5`) and no HDF5 handle ever leaves the worker.
 */
import { ValueError } from '@keras-ts/tensor';

/** An HDF5 datatype, as far as Keras files use them. */
export type H5Dtype =
  | { class: 'float' | 'int' | 'uint'; size: number }
  | { class: 'string'; size: number; vlen: boolean; cset: 'ascii' | 'utf8'; strpad?: number }
  | { class: 'other'; size: number; typeCode?: number };

export type H5Data = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array | string[];

export interface H5Attribute {
  name: string;
  dtype: H5Dtype;
  /** `[]` for a scalar. */
  shape: number[];
  /** Flat, row-major; `null` when the datatype is not one Keras uses (class 'other'). */
  value: H5Data | null;
}

export interface H5Dataset {
  type: 'dataset';
  name: string;
  dtype: H5Dtype;
  shape: number[];
  data: H5Data | null;
  attrs: H5Attribute[];
  /** Chunked storage with these chunk dimensions (written only; Keras writes contiguous datasets). */
  chunks?: number[];
}

export interface H5Group {
  type: 'group';
  name: string;
  attrs: H5Attribute[];
  children: H5Node[];
}

/** A soft or external link, or a named datatype: kept so that a walk sees it, never followed. */
export interface H5Other {
  type: 'other';
  name: string;
}

export type H5Node = H5Group | H5Dataset | H5Other;

/** Dtypes Keras files use, by the names h5py gives them. */
export const DTYPES = {
  float32: { class: 'float', size: 4 },
  float64: { class: 'float', size: 8 },
  int32: { class: 'int', size: 4 },
  int64: { class: 'int', size: 8 },
  /** A variable-length ASCII string (h5py's `bytes`). */
  vlenAscii: { class: 'string', size: 4, vlen: true, cset: 'ascii' },
  /** A variable-length UTF-8 string (h5py's `str`). */
  vlenUtf8: { class: 'string', size: 4, vlen: true, cset: 'utf8' },
} as const satisfies Record<string, H5Dtype>;

export function group(name: string, attrs: H5Attribute[] = [], children: H5Node[] = []): H5Group {
  return { type: 'group', name, attrs, children };
}

export function dataset(name: string, dtype: H5Dtype, shape: number[], data: H5Data, attrs: H5Attribute[] = []): H5Dataset {
  return { type: 'dataset', name, dtype, shape, data, attrs };
}

/** A scalar string attribute. */
export function stringAttr(name: string, value: string, dtype: H5Dtype = DTYPES.vlenAscii): H5Attribute {
  return { name, dtype, shape: [], value: [value] };
}

/** A 1-D string-array attribute. */
export function stringsAttr(name: string, values: string[], dtype: H5Dtype = DTYPES.vlenAscii): H5Attribute {
  return { name, dtype, shape: [values.length], value: values };
}

/** The child called `name`, or undefined. */
export function child(g: H5Group, name: string): H5Node | undefined {
  return g.children.find((c) => c.name === name);
}

/** Follows a '/'-separated path from `g` (empty segments are ignored). */
export function lookup(g: H5Group, path: string): H5Node | undefined {
  let node: H5Node | undefined = g;
  for (const part of path.split('/')) {
    if (part === '') continue;
    if (!node || node.type !== 'group') return undefined;
    node = child(node, part);
  }
  return node;
}

export function attr(node: H5Group | H5Dataset, name: string): H5Attribute | undefined {
  return node.attrs.find((a) => a.name === name);
}

/** Creates (or finds) the group at `path` under `g`. */
export function ensureGroup(g: H5Group, path: string): H5Group {
  let cur = g;
  for (const part of path.split('/')) {
    if (part === '') continue;
    let next = child(cur, part);
    if (!next) {
      next = group(part);
      cur.children.push(next);
    }
    if (next.type !== 'group') throw new ValueError(`Cannot create group "${path}": "${part}" already exists and is not a group`);
    cur = next;
  }
  return cur;
}
