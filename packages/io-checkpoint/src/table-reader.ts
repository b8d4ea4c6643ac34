/// <reference path="./snappyjs.d.ts" />
/** Reads every entry of a LevelDB-format table, verifying the footer, each block's CRC32C and the key order. */
import { FileFormatError } from '@keras-ts/tensor';
import * as snappy from 'snappyjs';
import { crc32c, unmaskCrc } from './crc.js';
import { compareKeys, parseBlock } from './table-block.js';
import {
  BLOCK_TRAILER_LENGTH,
  decodeHandle,
  FOOTER_LENGTH,
  NO_COMPRESSION,
  SNAPPY_COMPRESSION,
  TABLE_MAGIC_HI,
  TABLE_MAGIC_LO,
  type BlockHandle,
} from './table-format.js';

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export function readTable(bytes: Uint8Array, file: string): Array<[Uint8Array, Uint8Array]> {
  if (bytes.length < FOOTER_LENGTH) {
    throw new FileFormatError(`truncated table: ${bytes.length} bytes is shorter than the ${FOOTER_LENGTH}-byte footer`, file);
  }
  const footerAt = bytes.length - FOOTER_LENGTH;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(bytes.length - 8, true) !== TABLE_MAGIC_LO || view.getUint32(bytes.length - 4, true) !== TABLE_MAGIC_HI) {
    throw new FileFormatError('not a TensorFlow checkpoint index (bad table magic number in the footer; the file may be truncated)', file);
  }
  const meta = decodeHandle(bytes, footerAt, bytes.length - 8);
  const idx = meta && decodeHandle(bytes, meta.next, bytes.length - 8);
  if (!meta || !idx) throw new FileFormatError('corrupted table footer: cannot decode its block handles', file);

  const readBlock = (h: BlockHandle, what: string): Uint8Array => {
    if (h.offset + h.size + BLOCK_TRAILER_LENGTH > footerAt) {
      throw new FileFormatError(`truncated table: ${what} at offset ${h.offset} (${h.size} bytes) runs past the end of the data (${footerAt} bytes)`, file);
    }
    const body = bytes.subarray(h.offset, h.offset + h.size);
    const type = bytes[h.offset + h.size]!;
    const stored = unmaskCrc(view.getUint32(h.offset + h.size + 1, true));
    const actual = crc32c(body, bytes.subarray(h.offset + h.size, h.offset + h.size + 1));
    if (stored !== actual) {
      throw new FileFormatError(`CRC mismatch in ${what} at offset ${h.offset}: computed ${hex(actual)}, stored ${hex(stored)}`, file);
    }
    if (type === NO_COMPRESSION) return body;
    if (type === SNAPPY_COMPRESSION) {
      try {
        return snappy.uncompress(body.slice(), 64 * 1024 * 1024);
      } catch (e) {
        throw new FileFormatError(`corrupted Snappy data in ${what} at offset ${h.offset}: ${(e as Error).message}`, file);
      }
    }
    throw new FileFormatError(`unknown block compression type ${type} in ${what} at offset ${h.offset}`, file);
  };

  readBlock(meta.handle, 'metaindex block');
  const index = parseBlock(readBlock(idx.handle, 'index block'), file, 'index block');
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  for (const [indexKey, handleBytes] of index) {
    const h = decodeHandle(handleBytes);
    if (!h) throw new FileFormatError('corrupted index block: bad block handle', file);
    const where = `data block at offset ${h.handle.offset}`;
    const blockEntries = parseBlock(readBlock(h.handle, where), file, where);
    for (const entry of blockEntries) {
      const prev = entries[entries.length - 1];
      if (prev && compareKeys(entry[0], prev[0]) <= 0) throw new FileFormatError(`corrupted table: keys out of order in ${where}`, file);
      if (compareKeys(entry[0], indexKey) > 0) throw new FileFormatError(`corrupted table: a key in ${where} is past its index key`, file);
      entries.push(entry);
    }
  }
  return entries;
}
