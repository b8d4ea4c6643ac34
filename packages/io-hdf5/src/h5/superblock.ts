/**
 * A first look at HDF5 bytes before the HDF5 library sees them: the signature must be where HDF5 puts it and
 * the superblock's end-of-file address must lie within the bytes, so that truncated files fail with a clear
 * message (and without reaching h5wasm at all).
 */
import { FileFormatError } from '@keras-ts/tensor';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export interface SuperblockInfo {
  /** Where the superblock starts (0 unless the file has a user block). */
  offset: number;
  version: number;
  /** The file's declared length in bytes (base address + end-of-file address). */
  declaredLength: number;
}

function hasSignatureAt(bytes: Uint8Array, at: number): boolean {
  if (at + SIGNATURE.length > bytes.length) return false;
  return SIGNATURE.every((b, i) => bytes[at + i] === b);
}

function readAddress(bytes: Uint8Array, at: number, size: number, source: string): number {
  if (at + size > bytes.length) throw new FileFormatError(`HDF5 superblock is truncated (needs ${at + size} bytes, file has ${bytes.length})`, source);
  let value = 0;
  let allOnes = true;
  for (let i = size - 1; i >= 0; i--) {
    const b = bytes[at + i]!;
    if (b !== 0xff) allOnes = false;
    value = value * 256 + b;
  }
  return allOnes ? Number.NaN : value;
}

/** Checks the superblock of `bytes`; throws FileFormatError naming `source` when it is not a whole HDF5 file. */
export function checkSuperblock(bytes: Uint8Array, source = '<bytes>'): SuperblockInfo {
  let offset = -1;
  for (let at = 0; at + SIGNATURE.length <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (hasSignatureAt(bytes, at)) {
      offset = at;
      break;
    }
  }
  if (offset < 0) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new FileFormatError(`not an HDF5 file: no HDF5 signature found (${bytes.length} bytes, starting ${head || '<empty>'})`, source);
  }
  const version = bytes[offset + 8] ?? -1;
  let sizeOfOffsets: number;
  let eofAt: number;
  let baseAt: number;
  if (version === 0 || version === 1) {
    sizeOfOffsets = bytes[offset + 13] ?? 0;
    baseAt = offset + (version === 0 ? 24 : 28);
    eofAt = baseAt + 2 * sizeOfOffsets;
  } else if (version === 2 || version === 3) {
    sizeOfOffsets = bytes[offset + 9] ?? 0;
    baseAt = offset + 12;
    eofAt = baseAt + 2 * sizeOfOffsets;
  } else {
    throw new FileFormatError(`unsupported HDF5 superblock version ${version} (expected 0 to 3)`, source);
  }
  if (![2, 4, 8].includes(sizeOfOffsets)) {
    throw new FileFormatError(`corrupted HDF5 superblock: size of offsets is ${sizeOfOffsets} (expected 2, 4 or 8)`, source);
  }
  const base = readAddress(bytes, baseAt, sizeOfOffsets, source);
  const eof = readAddress(bytes, eofAt, sizeOfOffsets, source);
  if (!Number.isFinite(base) || !Number.isFinite(eof)) {
    throw new FileFormatError('corrupted HDF5 superblock: undefined base or end-of-file address', source);
  }
  const declaredLength = base + eof;
  if (declaredLength > bytes.length) {
    throw new FileFormatError(
      `HDF5 file is truncated or corrupted: its superblock declares ${declaredLength} bytes, but the file has ${bytes.length}`,
      source,
    );
  }
  return { offset, version, declaredLength };
}
