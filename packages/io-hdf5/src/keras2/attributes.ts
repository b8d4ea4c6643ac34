/**
 * Keras 2's string-list attributes (`layer_names`, `weight_names`): read whatever dtype the writing Keras
 * and h5py chose (fixed or variable-length strings, or an empty float64 array for an empty list), and split
 * long lists into `name0`, `name1`, ... as Keras does, because an HDF5 object header holds at most 64 KiB.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { DTYPES, type H5Attribute, type H5Dataset, type H5Group } from '../h5/tree.js';

/** Keras 2's HDF5_OBJECT_HEADER_LIMIT. */
export const HDF5_OBJECT_HEADER_LIMIT = 64512;

function asStrings(a: H5Attribute, where: string, source?: string): string[] {
  if (a.value === null) throw new FileFormatError(`attribute "${a.name}" of ${where} has an unsupported datatype`, source);
  if (Array.isArray(a.value)) return a.value;
  if (a.value.length === 0) return []; // h5py stores an empty list as an empty float64 array
  throw new FileFormatError(`attribute "${a.name}" of ${where} holds numbers; expected a list of names`, source);
}

/** The list stored under `name` (or chunked as `name0`, `name1`, ...); undefined when absent. */
export function readStringList(node: H5Group | H5Dataset, name: string, where: string, source?: string): string[] | undefined {
  const whole = node.attrs.find((a) => a.name === name);
  if (whole) return asStrings(whole, where, source);
  const out: string[] = [];
  let found = false;
  for (let i = 0; ; i++) {
    const chunk = node.attrs.find((a) => a.name === `${name}${i}`);
    if (!chunk) break;
    found = true;
    out.push(...asStrings(chunk, where, source));
  }
  return found ? out : undefined;
}

/** A scalar string attribute (fixed or variable length); undefined when absent. */
export function readString(node: H5Group | H5Dataset, name: string, where: string, source?: string): string | undefined {
  const a = node.attrs.find((x) => x.name === name);
  if (!a) return undefined;
  const v = asStrings(a, where, source);
  if (v.length !== 1) throw new FileFormatError(`attribute "${name}" of ${where} holds ${v.length} strings; expected one`, source);
  return v[0];
}

/** Attributes for a list, split like Keras's `save_attributes_to_hdf5_group`. */
export function stringListAttrs(name: string, values: string[]): H5Attribute[] {
  if (values.length === 0) return [{ name, dtype: DTYPES.float64, shape: [0], value: new Float64Array(0) }];
  const enc = new TextEncoder();
  const longest = Math.max(...values.map((v) => enc.encode(v).length));
  const bad = values.filter((v) => enc.encode(v).length > HDF5_OBJECT_HEADER_LIMIT);
  if (bad.length > 0) {
    throw new FileFormatError(`the following names are longer than ${HDF5_OBJECT_HEADER_LIMIT} bytes and cannot be saved in HDF5: ${bad.map((b) => b.slice(0, 40)).join(', ')}`);
  }
  let chunks = 1;
  // Keras sizes chunks by the numpy array's nbytes: count x longest element.
  while (Math.ceil(values.length / chunks) * longest > HDF5_OBJECT_HEADER_LIMIT) chunks++;
  if (chunks === 1) return [{ name, dtype: DTYPES.vlenAscii, shape: [values.length], value: values }];
  const size = Math.ceil(values.length / chunks);
  const out: H5Attribute[] = [];
  for (let i = 0; i * size < values.length; i++) {
    const part = values.slice(i * size, (i + 1) * size);
    out.push({ name: `${name}${i}`, dtype: DTYPES.vlenAscii, shape: [part.length], value: part });
  }
  return out;
}
