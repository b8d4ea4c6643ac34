/**
 * A checkpoint write killed midway (SIGKILL of a child process, while writing data or just after the index)
 * leaves the previous checkpoint and the `checkpoint` state file intact and loadable.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@keras-ts/tensor';
import { repoRoot } from '../../../testing/oracle.js';
import { latestCheckpoint, loadModelCheckpoint, saveModelCheckpoint } from './index.js';
import { dense, model } from './testing/fake-model.js';

const dir = mkdtempSync(join(tmpdir(), 'keras-ts-interrupt-'));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = fileURLToPath(new URL('./testing/interrupted-save.ts', import.meta.url));

beforeAll(async () => {
  await tf.ready();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it reports PAUSED, then kills the writing process (tsx runs it as its own child) with SIGKILL. */
function killMidWrite(prefix: string, stage: 'data' | 'index'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, prefix, stage], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let writer = 0;
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`child never paused: ${out} ${err}`))), 50_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PAUSED (\d+)/.exec(out);
      if (m && !writer) {
        writer = Number(m[1]);
        process.kill(writer, 'SIGKILL');
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (writer && (signal === 'SIGKILL' || code !== 0) && !out.includes('DONE')) resolve(out);
      else reject(new Error(`child was not killed mid-write (code ${code}, signal ${signal}): ${out} ${err}`));
    });
  });
}

const snapshot = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));

describe.skipIf(!existsSync(tsx))('interrupted writes', () => {
  it('killed while writing data over the same prefix: the previous checkpoint still loads', async () => {
    const prefix = join(dir, 'weights');
    const m = model([dense('dense', 32, 32), dense('dense_1', 32, 32), dense('dense_2', 32, 32)]);
    await saveModelCheckpoint(prefix, m);
    const state = readFileSync(join(dir, 'checkpoint'), 'utf8');
    const files = readdirSync(dir).sort();

    await killMidWrite(prefix, 'data');

    expect(readFileSync(join(dir, 'checkpoint'), 'utf8')).toBe(state);
    expect(readdirSync(dir).filter((f) => !f.includes('.tmp-')).sort()).toEqual(files);
    const fresh = model([dense('dense', 32, 32), dense('dense_1', 32, 32), dense('dense_2', 32, 32)]);
    await loadModelCheckpoint(prefix, fresh);
    expect(snapshot(fresh.layers.flatMap((l) => l.weights))).toEqual(snapshot(m.layers.flatMap((l) => l.weights)));
    m.dispose();
    fresh.dispose();
  }, 60_000);

  it('killed after the index was written, before the renames: no new checkpoint appears, the state file still names the old one', async () => {
    const prefix = join(dir, 'weights');
    await killMidWrite(join(dir, 'next'), 'index');
    expect(readdirSync(dir).filter((f) => f.startsWith('next') && !f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith('next.index.tmp-'))).toBe(true);
    expect(latestCheckpoint(dir)).toBe(prefix);
    // The next write to that prefix clears what the killed writer left behind.
    const m = model([dense('dense', 2, 2)]);
    await saveModelCheckpoint(join(dir, 'next'), m);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-') && f.startsWith('next'))).toEqual([]);
    m.dispose();
  }, 60_000);
});
