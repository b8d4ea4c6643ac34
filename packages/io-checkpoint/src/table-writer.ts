/// <reference path="./snappyjs.d.ts" />
/** Writes a LevelDB-format table (data blocks, an empty metaindex block, the index block, the footer). */
import * as snappy from 'snappyjs';
import { crc32c, maskCrc } from './crc.js';
import { BlockBuilder } from './table-block.js';
import {
  BLOCK_TRAILER_LENGTH,
  encodeHandle,
  FOOTER_LENGTH,
  NO_COMPRESSION,
  SNAPPY_COMPRESSION,
  TABLE_MAGIC_HI,
  TABLE_MAGIC_LO,
  type BlockHandle,
} from './table-format.js';

export interface TableOptions {
  /** Target size of a data block before it is cut (TensorFlow: 256 KiB). */
  blockSize?: number;
  /** Keys between restart points in data blocks (LevelDB: 16). */
  restartInterval?: number;
  /** 'snappy' compresses blocks where that saves at least 1/8 (TensorFlow writes 'none'). */
  compression?: 'none' | 'snappy';
}

/** Encodes `entries` (keys strictly increasing, bytewise) as a table. */
export function buildTable(entries: Iterable<[Uint8Array, Uint8Array]>, options: TableOptions = {}): Uint8Array {
  const { blockSize = 256 * 1024, restartInterval = 16, compression = 'none' } = options;
  const parts: Uint8Array[] = [];
  let offset = 0;
  const writeBlock = (contents: Uint8Array, allowCompression: boolean): BlockHandle => {
    let body = contents;
    let type = NO_COMPRESSION;
    if (allowCompression && compression === 'snappy') {
      const packed = snappy.compress(contents);
      if (packed.length < contents.length - contents.length / 8) {
        body = packed;
        type = SNAPPY_COMPRESSION;
      }
    }
    const trailer = new Uint8Array(BLOCK_TRAILER_LENGTH);
    trailer[0] = type;
    new DataView(trailer.buffer).setUint32(1, maskCrc(crc32c(body, trailer.subarray(0, 1))), true);
    const handle = { offset, size: body.length };
    parts.push(body, trailer);
    offset += body.length + BLOCK_TRAILER_LENGTH;
    return handle;
  };

  const index = new BlockBuilder(1);
  let block = new BlockBuilder(restartInterval);
  let lastKey: Uint8Array | null = null;
  const flush = () => {
    if (block.empty || !lastKey) return;
    const handle = writeBlock(block.finish(), true);
    index.add(lastKey, Uint8Array.from(encodeHandle(handle)));
    block = new BlockBuilder(restartInterval);
  };
  for (const [key, value] of entries) {
    block.add(key, value);
    lastKey = key;
    if (block.estimatedSize >= blockSize) flush();
  }
  flush();
  const metaindex = writeBlock(new BlockBuilder(restartInterval).finish(), false);
  const indexHandle = writeBlock(index.finish(), false);

  const footer = new Uint8Array(FOOTER_LENGTH);
  footer.set([...encodeHandle(metaindex), ...encodeHandle(indexHandle)], 0);
  const view = new DataView(footer.buffer);
  view.setUint32(FOOTER_LENGTH - 8, TABLE_MAGIC_LO, true);
  view.setUint32(FOOTER_LENGTH - 4, TABLE_MAGIC_HI, true);
  parts.push(footer);

  const out = new Uint8Array(offset + FOOTER_LENGTH);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
