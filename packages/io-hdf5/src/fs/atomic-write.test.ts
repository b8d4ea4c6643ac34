import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '@keras-ts/tensor';
import { repoRoot } from '../../../../testing/oracle.js';
import { readFileBytes, writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  it('writes, replaces, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-hdf5-'));
    const p = join(dir, 'm.h5');
    await writeFileAtomic(p, new Uint8Array([1, 2, 3]));
    await writeFileAtomic(p, new Uint8Array([4, 5]));
    expect([...readFileSync(p)]).toEqual([4, 5]);
    expect(readdirSync(dir)).toEqual(['m.h5']);
    expect([...(await readFileBytes(p))]).toEqual([4, 5]);
    await expect(readFileBytes(join(dir, 'nope.h5'))).rejects.toThrow(NotFoundError);
  });

  it('keeps the previous file when the saving process is killed mid-save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-hdf5-kill-'));
    const target = join(dir, 'model.h5');
    const previous = Buffer.from('previous model bytes');
    writeFileSync(target, previous);
    const script = join(dir, 'save.mts');
    // The child saves 64 MiB in a loop; it is killed as soon as its temporary file appears.
    writeFileSync(script, `import { writeFileAtomic } from ${JSON.stringify(new URL('./atomic-write.ts', import.meta.url).pathname)};
      const big = new Uint8Array(64 * 1024 * 1024).fill(7);
      for (;;) await writeFileAtomic(${JSON.stringify(target)}, big);`);
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [script], { stdio: 'ignore', cwd: join(repoRoot, 'packages', 'io-hdf5') });
    const sawTemp = await new Promise<boolean>((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(true);
        } else if (Date.now() - started > 30_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(false);
        }
      }, 5);
    });
    await new Promise((r) => child.once('exit', r));
    expect(sawTemp).toBe(true);
    expect(readFileSync(target).equals(previous)).toBe(true);
  }, 60_000);
});
