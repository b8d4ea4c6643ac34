/**
 * cache(): the first complete pass over the input is recorded (in memory, or to a file) and later passes replay
 * it. A pass that stops early records nothing (tf.data discards a partial cache the same way).
 */
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { cloneElement, disposeElement, type Element } from '../structure.js';
import { ByteReader, openFileStream } from '../io/byte-reader.js';
import { CACHE_MAGIC, decodeElement, encodeElement } from '../io/element-codec.js';
import { FileFormatError } from '@keras-ts/tensor';
import { breathe } from './breathe.js';

export class MemoryCache {
  elements: Element[] | null = null;

  dispose(): void {
    for (const e of this.elements ?? []) disposeElement(e);
    this.elements = null;
  }
}

export async function* memoryCacheGen(src: () => AsyncIterable<Element>, cache: MemoryCache): AsyncGenerator<Element> {
  if (cache.elements) {
    for (const e of cache.elements) {
      await breathe();
      yield cloneElement(e);
    }
    return;
  }
  const recorded: Element[] = [];
  let complete = false;
  try {
    for await (const el of src()) {
      recorded.push(cloneElement(el));
      yield el;
    }
    complete = true;
  } finally {
    if (complete && !cache.elements) cache.elements = recorded;
    else for (const e of recorded) disposeElement(e);
  }
}

async function* replayFile(path: string): AsyncGenerator<Element> {
  const r = new ByteReader(openFileStream(path, ''));
  try {
    const magic = await r.read(CACHE_MAGIC.length);
    if (!magic.equals(CACHE_MAGIC)) throw new FileFormatError('not a keras-ts dataset cache file (bad magic)', path);
    for (;;) {
      const el = await decodeElement(r, path);
      if (el === null) return;
      yield el;
    }
  } finally {
    r.close();
  }
}

let tmpCounter = 0;

export async function* fileCacheGen(src: () => AsyncIterable<Element>, path: string): AsyncGenerator<Element> {
  if (existsSync(path)) {
    yield* replayFile(path);
    return;
  }
  const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`;
  const fh = await open(tmp, 'w');
  let complete = false;
  try {
    await fh.write(CACHE_MAGIC);
    for await (const el of src()) {
      await fh.write(encodeElement(el));
      yield el;
    }
    complete = true;
  } finally {
    await fh.close();
    if (complete && !existsSync(path)) await rename(tmp, path);
    else await rm(tmp, { force: true });
  }
}
