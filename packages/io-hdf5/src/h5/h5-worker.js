// @ts-check
/**
 * The HDF5 engine, run in a worker thread: h5wasm parses untrusted bytes here, so that a hang or an abort
 * inside the HDF5 C library can only kill this worker (the parent terminates it on timeout), never the
 * process. Plain JavaScript because Node runs worker files without a TypeScript loader; its message shapes
 * are typed in `tree.ts` and `engine.ts`.
 *
 * Messages in:  { id, op: 'read', bytes: Uint8Array, limits: { maxNodes, maxDepth, maxBytes } }
 *               { id, op: 'write', root: H5Group }
 * Messages out: { id, ok: true, root } | { id, ok: true, bytes } | { id, ok: false, kind, message }
 */
import h5wasm from 'h5wasm';
import { parentPort } from 'node:worker_threads';

const Module = await h5wasm.ready;
const FS = Module.FS;
// HDF5 prints its error stack to stderr; send it to an in-memory file that we read for error messages.
FS.close(FS.getStream(2));
FS.open('/h5-diagnostics.log', 'w');

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

class LimitError extends Error {}
class FormatError extends Error {}

/** The last line of HDF5's diagnostics that names a cause (then the log is cleared). */
function takeDiagnostics() {
  let text = '';
  try {
    text = FS.readFile('/h5-diagnostics.log', { encoding: 'utf8' });
    FS.truncate('/h5-diagnostics.log', 0);
  } catch {
    return '';
  }
  const minors = [...text.matchAll(/minor: (.*)/g)].map((m) => m[1].trim());
  const details = [...text.matchAll(/line \d+ in (\w+)\(\): (.*)/g)].map((m) => m[2].trim());
  return [...new Set([...details.slice(-2), ...minors.slice(-1)])].join('; ');
}

/** @param {any} metadata */
function dtypeOf(metadata) {
  const { type, size, vlen, cset, strpad, signed } = metadata;
  if (type === H5T_FLOAT) return { class: 'float', size };
  if (type === H5T_INTEGER) return { class: signed ? 'int' : 'uint', size };
  if (type === H5T_STRING) return { class: 'string', size, vlen: !!vlen, cset: cset === 1 ? 'utf8' : 'ascii', strpad: strpad ?? 0 };
  return { class: 'other', size, typeCode: type };
}

/**
 * Checks a declared size against the file before h5wasm allocates anything for it.
 * @param {any} metadata @param {string} what @param {{ maxBytes: number, fileBytes: number }} limits
 * @param {boolean} filtered
 */
function checkDeclaredSize(metadata, what, limits, filtered) {
  const shape = metadata.shape;
  if (!Array.isArray(shape)) throw new FormatError(`${what} has no readable dataspace`);
  let count = 1;
  for (const d of shape) {
    if (!Number.isFinite(d) || d < 0) throw new FormatError(`${what} declares an invalid dimension ${d}`);
    count *= d;
  }
  const perElement = metadata.vlen ? Math.max(metadata.size, 16) : metadata.size;
  const declared = count * perElement;
  // Uncompressed data must fit in the file; compressed data may expand, up to the caller's limit.
  const bound = filtered ? limits.maxBytes : Math.min(limits.maxBytes, limits.fileBytes);
  if (!Number.isFinite(declared) || declared > bound) {
    throw new LimitError(
      `${what} declares shape [${shape.join(', ')}] (${declared} bytes), more than the ${filtered ? 'allowed' : 'file\'s'} ${bound} bytes`,
    );
  }
  return count;
}

/** Copies a value out of h5wasm into a structured-clone-friendly form. */
function plainValue(value, dtype, count) {
  if (value === null || value === undefined) return null;
  if (dtype.class === 'string') {
    const arr = Array.isArray(value) ? value : [value];
    return arr.map((s) => String(s));
  }
  if (ArrayBuffer.isView(value)) return value;
  if (typeof value === 'number') return dtype.class === 'float' ? new Float64Array([value]) : new Float64Array([value]);
  if (typeof value === 'bigint') return new BigInt64Array([value]);
  throw new FormatError(`unsupported value of ${count} elements`);
}

/** @param {any} entity @param {string} path @param {any} limits */
function readAttrs(entity, path, limits) {
  const out = [];
  const names = Module.get_attribute_names(entity.file_id, entity.path);
  if (names.length > limits.maxNodes) throw new LimitError(`${path} declares ${names.length} attributes`);
  for (const name of names) {
    const what = `attribute "${name}" of ${path}`;
    const metadata = Module.get_attribute_metadata(entity.file_id, entity.path, name);
    const dtype = dtypeOf(metadata);
    if (dtype.class === 'other') {
      out.push({ name, dtype, shape: metadata.shape ?? [], value: null });
      continue;
    }
    if (dtype.class === 'float' && dtype.size !== 4 && dtype.size !== 8) {
      out.push({ name, dtype: { ...dtype, class: 'other' }, shape: metadata.shape ?? [], value: null });
      continue;
    }
    const count = checkDeclaredSize(metadata, what, limits, false);
    const raw = entity.get_attribute(name, false);
    out.push({ name, dtype, shape: metadata.shape ?? [], value: plainValue(raw, dtype, count) });
  }
  return out;
}

/** Reads the whole tree (attributes and datasets' data), bounded by `limits`. */
function readTree(f, limits) {
  let nodes = 0;
  /** @returns {any} */
  function visit(path, name, depth) {
    if (++nodes > limits.maxNodes) throw new LimitError(`more than ${limits.maxNodes} objects`);
    if (depth > limits.maxDepth) throw new LimitError(`groups nested deeper than ${limits.maxDepth} levels at ${path}`);
    const entity = f.get(path);
    if (entity === null || entity === undefined) throw new FormatError(`object ${path} cannot be opened`);
    if (entity instanceof h5wasm.Group) {
      const attrs = readAttrs(entity, path, limits);
      const names = entity.keys();
      if (names.length > limits.maxNodes) throw new LimitError(`${path} declares ${names.length} members`);
      const children = [];
      for (const child of names) {
        if (child === '' || child === '.' || child === '..' || child.includes('/')) {
          throw new FormatError(`${path} has a member with an invalid name ${JSON.stringify(child)}`);
        }
        children.push(visit(path === '/' ? `/${child}` : `${path}/${child}`, child, depth + 1));
      }
      return { type: 'group', name, attrs, children };
    }
    if (entity instanceof h5wasm.Dataset) {
      const attrs = readAttrs(entity, path, limits);
      const metadata = entity.metadata;
      const dtype = dtypeOf(metadata);
      const shape = metadata.shape ?? [];
      if (dtype.class === 'other' || (dtype.class === 'float' && dtype.size !== 4 && dtype.size !== 8)) {
        return { type: 'dataset', name, attrs, dtype: { ...dtype, class: 'other' }, shape, data: null };
      }
      const filtered = entity.filters.length > 0;
      const count = checkDeclaredSize(metadata, `dataset ${path}`, limits, filtered);
      const data = plainValue(entity.value, dtype, count);
      return { type: 'dataset', name, attrs, dtype, shape, data };
    }
    // Soft/external links and named datatypes are not part of Keras files: record them, read nothing.
    return { type: 'other', name };
  }
  return visit('/', '', 0);
}

let counter = 0;

function read(bytes, limits) {
  const file = `/in-${++counter}.h5`;
  FS.writeFile(file, bytes);
  let f = null;
  try {
    takeDiagnostics();
    f = new h5wasm.File(file, 'r');
    if (typeof f.file_id !== 'bigint' || f.file_id < 0n) {
      throw new FormatError(`not a readable HDF5 file (${takeDiagnostics() || 'open failed'})`);
    }
    // Every object needs an object header of at least 32 bytes in the file, so a file cannot hold more objects
    // than that; more means a corrupted file whose links form cycles (bounding the walk, not just recursion).
    const maxNodes = Math.min(limits.maxNodes, Math.max(64, Math.floor(bytes.byteLength / 32)));
    return readTree(f, { ...limits, maxNodes, fileBytes: bytes.byteLength });
  } finally {
    try {
      if (f && f.file_id >= 0n) f.close();
    } catch {
      /* closing a corrupted file may fail; the in-memory file is removed below */
    }
    try {
      FS.unlink(file);
    } catch {
      /* already gone */
    }
  }
}

const DTYPE_CODES = { float: { 4: '<f', 8: '<d' }, int: { 1: '<b', 2: '<h', 4: '<i', 8: '<q' }, uint: { 1: '<B', 2: '<H', 4: '<I', 8: '<Q' } };

function dtypeString(dtype) {
  if (dtype.class === 'string') {
    const prefix = dtype.cset === 'utf8' ? 'S' : 'A';
    return dtype.vlen ? prefix : `${prefix}${dtype.size}`;
  }
  const code = DTYPE_CODES[dtype.class]?.[dtype.size];
  if (!code) throw new FormatError(`cannot write dtype ${JSON.stringify(dtype)}`);
  return code;
}

function writeAttrs(entity, attrs) {
  for (const a of attrs) {
    entity.create_attribute(a.name, a.dtype.class === 'string' && a.shape.length === 0 ? a.value[0] : a.value, a.shape, dtypeString(a.dtype));
  }
}

function writeChildren(group, children) {
  for (const c of children) {
    if (c.type === 'group') {
      group.create_group(c.name);
      const g = group.get(c.name);
      writeAttrs(g, c.attrs);
      writeChildren(g, c.children);
    } else if (c.type === 'dataset') {
      const ds = group.create_dataset({ name: c.name, data: c.data, shape: c.shape, dtype: dtypeString(c.dtype), ...(c.chunks ? { chunks: c.chunks } : {}) });
      writeAttrs(ds, c.attrs);
    }
  }
}

function write(root) {
  const file = `/out-${++counter}.h5`;
  try {
    // The oldest file format, as h5py writes by default: version-0 superblock, version-1 object headers.
    const f = new h5wasm.File(file, 'w', { libver: ['earliest', 'latest'] });
    try {
      writeAttrs(f, root.attrs);
      writeChildren(f, root.children);
    } finally {
      f.close();
    }
    return FS.readFile(file);
  } finally {
    try {
      FS.unlink(file);
    } catch {
      /* never created */
    }
  }
}

parentPort?.on('message', (msg) => {
  try {
    if (msg.op === 'read') {
      const root = read(msg.bytes, msg.limits);
      parentPort?.postMessage({ id: msg.id, ok: true, root });
    } else if (msg.op === 'write') {
      const bytes = write(msg.root);
      parentPort?.postMessage({ id: msg.id, ok: true, bytes }, [bytes.buffer]);
    } else {
      parentPort?.postMessage({ id: msg.id, ok: false, kind: 'internal', message: `unknown op ${msg.op}` });
    }
  } catch (e) {
    const kind = e instanceof LimitError ? 'limit' : e instanceof FormatError ? 'format' : 'hdf5';
    const message = e instanceof Error ? e.message : String(e);
    // An abort leaves the wasm instance unusable: the parent replaces this worker.
    const fatal = e instanceof WebAssembly.RuntimeError || /abort/i.test(message);
    const diag = fatal ? '' : takeDiagnostics();
    parentPort?.postMessage({ id: msg.id, ok: false, kind, fatal, message: diag && kind === 'hdf5' ? `${message} (${diag})` : message });
  }
});
parentPort?.postMessage({ ready: true });
