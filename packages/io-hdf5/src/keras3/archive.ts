/**
 * The `.keras` zip archive, read in memory by entry name (nothing is ever extracted to a path the archive
 * chooses) and written with stored entries as Keras does: `metadata.json`, `config.json`,
 * `model.weights.h5`.
 */
import { unzipSync, zipSync } from 'fflate';
import { FileFormatError } from '@keras-ts/tensor';

export const CONFIG_ENTRY = 'config.json';
export const METADATA_ENTRY = 'metadata.json';
export const WEIGHTS_ENTRY = 'model.weights.h5';

export interface ArchiveReadOptions {
  source?: string;
  /** Most bytes all wanted entries may declare, uncompressed (default 2 GiB). */
  maxBytes?: number;
}

/** The entries called `names` (exact names at the archive's top level); the rest are skipped unread. */
export function readArchiveEntries(bytes: Uint8Array, names: string[], options: ArchiveReadOptions = {}): Map<string, Uint8Array> {
  const { source, maxBytes = 2 ** 31 } = options;
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new FileFormatError('not a .keras file: it is not a zip archive (a Keras 2 HDF5 file needs the ".h5" suffix)', source);
  }
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (info) => {
        if (!names.includes(info.name)) return false;
        declared += info.originalSize;
        if (!(info.originalSize >= 0) || declared > maxBytes || info.originalSize > 64 * Math.max(info.size, 1024)) {
          throw new FileFormatError(`zip entry "${info.name}" declares ${info.originalSize} bytes from ${info.size} compressed; refusing to expand it`, source);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof FileFormatError) throw e;
    throw new FileFormatError(`corrupted .keras archive: ${(e as Error).message}`, source);
  }
  const out = new Map<string, Uint8Array>();
  for (const name of names) if (entries[name]) out.set(name, entries[name]!);
  return out;
}

/** A zip of `entries` in the given order, stored (not compressed), as Keras writes `.keras` files. */
export function writeArchive(entries: [string, Uint8Array][], date = new Date()): Uint8Array {
  const zippable: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const [name, data] of entries) zippable[name] = [data, { level: 0, mtime: date }];
  return zipSync(zippable, { level: 0 });
}
