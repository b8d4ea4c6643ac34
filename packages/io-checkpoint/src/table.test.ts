/**
 * The LevelDB table format: what `buildTable` writes is re-parsed here by an independent reader (its own CRC32C,
 * footer, handle and block decoding), and `readTable` reads multi-block, restart-point and Snappy tables.
 */
import { describe, expect, it } from 'vitest';
import { FileFormatError } from '@keras-ts/tensor';
import { buildTable } from './table-writer.js';
import { readTable } from './table-reader.js';
import { independentParse } from './testing/independent-table.js';

// ---------------------------------------------------------------------------------------------------------------
const enc = new TextEncoder();
function makeEntries(n: number): Array<[Uint8Array, Uint8Array]> {
  const keys = Array.from({ length: n }, (_, i) => `layer_with_weights-${String(i).padStart(4, '0')}/kernel/.ATTRIBUTES/VARIABLE_VALUE`);
  return keys.map((k, i) => [enc.encode(k), enc.encode(`value-${i}-`.repeat((i % 7) + 1))]);
}

describe('LevelDB table', () => {
  it('writes one block with prefix-compressed keys and a restart point every 16 keys', () => {
    const entries = makeEntries(40);
    const file = buildTable(entries);
    const parsed = independentParse(file);
    expect(parsed.blocks).toHaveLength(1);
    expect(parsed.blocks[0]!.restarts).toHaveLength(3);
    expect(parsed.entries.map(([k]) => k)).toEqual(entries.map(([k]) => new TextDecoder().decode(k)));
    // Prefix compression: the table is much smaller than the keys laid end to end.
    // Prefix compression: every key but the 3 at restart points (0, 16, 32) shares its prefix with the previous.
    const keys = entries.map(([k]) => Buffer.from(k).toString());
    let expected = 0;
    for (let i = 1; i < keys.length; i++) {
      if (i % 16 === 0) continue;
      let j = 0;
      while (keys[i]![j] === keys[i - 1]![j]) j++;
      expected += j;
    }
    expect(parsed.sharedBytes).toBe(expected);
    expect(expected).toBeGreaterThan(37 * 20);
    expect(readTable(file, 'x.index').map(([k, v]) => [new TextDecoder().decode(k), v])).toEqual(parsed.entries);
  });

  it('cuts data blocks at blockSize and reads them all back in order', () => {
    const entries = makeEntries(300);
    const file = buildTable(entries, { blockSize: 1024, restartInterval: 4 });
    const parsed = independentParse(file);
    expect(parsed.blocks.length).toBeGreaterThan(5);
    expect(parsed.entries).toHaveLength(300);
    const back = readTable(file, 'x.index');
    expect(back.map(([k]) => new TextDecoder().decode(k))).toEqual(parsed.entries.map(([k]) => k));
    back.forEach(([, v], i) => expect(v).toEqual(entries[i]![1]));
  });

  it('reads Snappy-compressed blocks', () => {
    const entries = makeEntries(200);
    const file = buildTable(entries, { compression: 'snappy', blockSize: 4096 });
    expect(file.length).toBeLessThan(buildTable(entries, { blockSize: 4096 }).length);
    const parsed = independentParse(file);
    expect(parsed.entries).toHaveLength(200);
    const back = readTable(file, 'x.index');
    back.forEach(([k, v], i) => {
      expect(k).toEqual(entries[i]![0]);
      expect(v).toEqual(entries[i]![1]);
    });
  });

  it('writes an empty table that still parses', () => {
    const file = buildTable([]);
    expect(independentParse(file).entries).toEqual([]);
    expect(readTable(file, 'e.index')).toEqual([]);
  });

  it('rejects out-of-order keys when writing', () => {
    const [a, b] = makeEntries(2);
    expect(() => buildTable([b!, a!])).toThrow(/strictly increasing/);
  });

  it('gives typed errors for truncation, bad magic, and every flipped bit of a block', () => {
    const file = buildTable(makeEntries(20), { blockSize: 512 });
    expect(() => readTable(file.subarray(0, 30), 't.index')).toThrow(FileFormatError);
    expect(() => readTable(file.subarray(0, file.length - 1), 't.index')).toThrow(/magic/);
    expect(() => readTable(file.subarray(0, file.length - 1), 't.index')).toThrow(/t\.index/);
    const dataEnd = file.length - 48;
    for (let i = 0; i < dataEnd; i += 7) {
      const bad = file.slice();
      bad[i]! ^= 0x10;
      expect(() => readTable(bad, 'flip.index'), `byte ${i}`).toThrow(FileFormatError);
    }
    const bad = file.slice();
    bad[3]! ^= 1;
    expect(() => readTable(bad, 'flip.index')).toThrow(/CRC mismatch/);
  });
});
