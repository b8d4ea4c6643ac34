/**
 * Binary encoding of dataset elements, for `cache(filename)`: per element a little-endian u32 header length, a
 * JSON header giving the structure with each leaf's dtype, shape and byte count, then the leaves' raw bytes
 * (strings as u32 length + bytes each). Files start with a magic line and are written to a temporary name and
 * renamed once a full pass completes, so a partial cache is never read.
 */
import * as tf from '@keras-ts/tensor';
import { FileFormatError, ValueError } from '@keras-ts/tensor';
import { flatten, mapStructure, type Element } from '../structure.js';
import type { ByteReader } from './byte-reader.js';
import { stringBytes } from '../tensors.js';

export const CACHE_MAGIC = Buffer.from('KERAS_TS_DATASET_CACHE_1\n');

interface LeafHeader {
  d: tf.DataType;
  s: number[];
  n: number;
}

function leafBytes(t: tf.Tensor): Buffer {
  if (t.dtype === 'string') {
    const vals = stringBytes(t);
    const parts: Buffer[] = [];
    for (const v of vals) {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(v.length);
      parts.push(len, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
    return Buffer.concat(parts);
  }
  if (t.dtype === 'complex64') throw new ValueError('cache(filename): complex64 tensors cannot be cached to a file.');
  const data = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function encodeElement(el: Element): Buffer {
  const payload: Buffer[] = [];
  // Leaves are strings "dtype|d0,d1|nbytes" so that the header keeps the element's structure.
  const header = mapStructure<tf.Tensor, string>(el, (t) => {
    const b = leafBytes(t);
    payload.push(b);
    return `${t.dtype}|${t.shape.join(',')}|${b.length}`;
  });
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return Buffer.concat([len, h, ...payload]);
}

function parseLeafHeader(x: unknown): LeafHeader | null {
  if (typeof x !== 'string') return null;
  const m = /^(float32|int32|bool|string)\|([0-9,]*)\|(\d+)$/.exec(x);
  if (!m) return null;
  return { d: m[1] as tf.DataType, s: m[2] === '' ? [] : m[2]!.split(',').map(Number), n: Number(m[3]) };
}

function decodeLeaf(h: LeafHeader, b: Buffer, path: string): tf.Tensor {
  if (h.d === 'string') {
    const vals: Uint8Array[] = [];
    let p = 0;
    while (p < b.length) {
      const n = b.readUInt32LE(p);
      vals.push(new Uint8Array(b.subarray(p + 4, p + 4 + n)));
      p += 4 + n;
    }
    return tf.tensor(vals, h.s, 'string');
  }
  const copy = new Uint8Array(b).buffer;
  const data = h.d === 'float32' ? new Float32Array(copy) : h.d === 'int32' ? new Int32Array(copy) : h.d === 'bool' ? new Uint8Array(copy) : undefined;
  if (!data) throw new FileFormatError(`unsupported dtype '${h.d}' in cached component ${path}`);
  return tf.tensor(data, h.s, h.d);
}

/** Reads the next element, or null at end of file. */
export async function decodeElement(r: ByteReader, file: string): Promise<Element | null> {
  const at = r.offset;
  const len = await r.read(4);
  if (len.length === 0) return null;
  if (len.length < 4) throw new FileFormatError(`truncated cache file at offset ${at}`, file);
  const hb = await r.read(len.readUInt32LE(0));
  let header: unknown;
  try {
    header = JSON.parse(hb.toString('utf8'));
  } catch {
    throw new FileFormatError(`corrupt cache element header at offset ${at}`, file);
  }
  const leaves = flatten<unknown>(header).map(parseLeafHeader);
  const blobs: Buffer[] = [];
  for (const l of leaves) {
    if (!l) throw new FileFormatError(`corrupt cache element header at offset ${at}`, file);
    const b = await r.read(l.n);
    if (b.length < l.n) throw new FileFormatError(`truncated cache file at offset ${at}`, file);
    blobs.push(Buffer.from(b));
  }
  let k = 0;
  return mapStructure<unknown, tf.Tensor>(header, (_, path) => {
    const i = k++;
    return decodeLeaf(leaves[i]!, blobs[i]!, path);
  }) as Element;
}
