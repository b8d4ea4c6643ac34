/**
 * Saving never leaves a half-written file: bytes go to a temporary file beside the target, are flushed to
 * disk, and the temporary file is renamed over the target (atomic on POSIX file systems). If the process
 * dies mid-save, the previous file is intact and only a `.<name>.<pid>.<random>.tmp` file may remain.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { FileFormatError, NotFoundError } from '@keras-ts/tensor';

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'wx', 0o644);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, Math.min(bytes.length - offset, 1 << 24));
      offset += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw new FileFormatError(`could not save: ${(e as Error).message}`, path);
  }
  // Make the rename itself durable where the platform allows it.
  try {
    const dir = await open(dirname(path), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    /* directories cannot be opened on every platform */
  }
}

/** The bytes of `path`; NotFoundError as Keras words it when there is no such file. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`No file or directory found at ${path}`);
    if (code === 'EISDIR') throw new FileFormatError('is a directory, not a file', path);
    throw new FileFormatError(`could not read: ${(e as Error).message}`, path);
  }
}
