/**
 * Temp-file-then-rename writing: a file appears under its final name only once it is complete, so a write
 * interrupted midway leaves the previous file (and the checkpoint it belongs to) intact.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** An open temp file for `finalPath`; `commit()` flushes it to disk and renames it into place. */
export class TempFile {
  readonly tempPath: string;
  private written = 0;
  private constructor(
    readonly finalPath: string,
    private readonly handle: Awaited<ReturnType<typeof open>>,
    tempPath: string,
  ) {
    this.tempPath = tempPath;
  }

  static async create(finalPath: string): Promise<TempFile> {
    const tempPath = tempPathFor(finalPath);
    return new TempFile(finalPath, await open(tempPath, 'wx'), tempPath);
  }

  get size(): number {
    return this.written;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
    this.written += bytes.length;
  }

  /** Flushes and closes; the file keeps its temp name until {@link commit}. */
  async close(): Promise<void> {
    await this.handle.sync();
    await this.handle.close();
  }

  async commit(): Promise<void> {
    await rename(this.tempPath, this.finalPath);
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}

/** Writes a whole small file atomically. */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const f = await TempFile.create(path);
  try {
    await f.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
    await f.close();
    await f.commit();
  } catch (e) {
    await f.discard();
    throw e;
  }
}
