/**
 * The client side of the HDF5 worker (`h5-worker.js`): reads HDF5 bytes into an {@link H5Group} tree and
 * writes a tree into HDF5 bytes. Untrusted bytes are checked here first (`checkSuperblock`), then parsed in the
 * worker under a time limit; a hang or an abort there ends that worker only, and the caller gets a
 * FileFormatError. One worker serves all calls (started on first use, unref'd while idle).
 */
import { Worker } from 'node:worker_threads';
import { FileFormatError, RuntimeError } from '@keras-ts/tensor';
import { checkSuperblock } from './superblock.js';
import type { H5Group } from './tree.js';

export interface ReadHdf5Options {
  /** Names the file in error messages. */
  source?: string;
  /** Largest number of bytes any one compressed dataset may expand to (default 2 GiB). Uncompressed data
   * must in any case fit inside the file. */
  maxBytes?: number;
  /** Most groups, datasets and attributes per group (default 1,000,000). */
  maxNodes?: number;
  /** Deepest group nesting (default 64). */
  maxDepth?: number;
  /** How long parsing may take before the file is declared corrupted (default 60 s). */
  timeoutMs?: number;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  source: string;
  worker: Worker;
}

interface WorkerReply {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  kind?: 'limit' | 'format' | 'hdf5' | 'internal';
  fatal?: boolean;
  message?: string;
  root?: H5Group;
  bytes?: Uint8Array;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Fails every call waiting on `w`. */
function failAll(w: Worker, error: Error): void {
  for (const [id, p] of pending) {
    if (p.worker !== w) continue;
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(error);
  }
}

function discardWorker(w: Worker): void {
  if (worker === w) worker = null;
  void w.terminate();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./h5-worker.js', import.meta.url));
  w.on('message', (reply: WorkerReply) => {
    if (reply.ready || reply.id === undefined) return;
    const p = pending.get(reply.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(reply.id);
    if (![...pending.values()].some((q) => q.worker === w)) w.unref();
    if (reply.fatal) discardWorker(w);
    if (reply.ok) {
      p.resolve(reply.root ?? reply.bytes);
    } else if (reply.kind === 'internal') {
      p.reject(new RuntimeError(`HDF5 worker: ${reply.message}`));
    } else {
      p.reject(new FileFormatError(`${reply.kind === 'limit' ? 'corrupted or hostile HDF5 file' : 'invalid or corrupted HDF5 file'}: ${reply.message}`, p.source));
    }
  });
  w.on('error', (e) => {
    discardWorker(w);
    failAll(w, new FileFormatError(`HDF5 reader failed: ${e.message}`));
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(w, new FileFormatError('HDF5 reader stopped unexpectedly'));
  });
  w.unref();
  worker = w;
  return w;
}

function call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[], source: string, timeoutMs: number): Promise<T> {
  const w = getWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      discardWorker(w);
      failAll(w, new FileFormatError('HDF5 reader was stopped because another file took too long'));
      reject(new FileFormatError(`reading took longer than ${timeoutMs} ms; the file is corrupted (or raise timeoutMs)`, source));
    }, timeoutMs);
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, source, worker: w });
    w.ref();
    w.postMessage({ id, ...message }, transfer);
  });
}

/** Parses HDF5 `bytes` into a tree. Throws FileFormatError (naming `options.source`) for anything invalid. */
export async function readHdf5(bytes: Uint8Array, options: ReadHdf5Options = {}): Promise<H5Group> {
  const source = options.source ?? '<bytes>';
  checkSuperblock(bytes, source);
  const copy = bytes.slice();
  const limits = { maxBytes: options.maxBytes ?? 2 ** 31, maxNodes: options.maxNodes ?? 1_000_000, maxDepth: options.maxDepth ?? 64 };
  const root = await call<H5Group>({ op: 'read', bytes: copy, limits }, [copy.buffer as ArrayBuffer], source, options.timeoutMs ?? 60_000);
  return root;
}

/** Serializes a tree into the bytes of an HDF5 file. */
export async function writeHdf5(root: H5Group, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  try {
    return await call<Uint8Array>({ op: 'write', root }, [], '<writing>', options.timeoutMs ?? 120_000);
  } catch (e) {
    if (e instanceof FileFormatError) throw new RuntimeError(`Could not write HDF5 data: ${e.message}`);
    throw e;
  }
}

/** Stops the HDF5 worker (it restarts on the next call). */
export async function closeHdf5Engine(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
