/**
 * `pnpm bench`: the keras-ts benchmark suite. Each side runs in its own child process (tfjs-core keeps one kernel
 * registry per process): keras-ts on wasm with one thread and with all threads, stock tfjs-core + tfjs-layers on
 * wasm (and the CNN on cpu), and Python Keras 3 on JAX. Prints a table with the ratios and the targets,
 * and writes the run to results/latest.json.
 *   BENCH_MIN_SECONDS (default 2) scales every measurement; BENCH_SKIP_JAX=1 leaves Python out; BENCH_ROUNDS
 *   (default 2) runs our 1-thread and N-thread sides that many times, alternately, keeping each row's best run
 *   (best-of.ts), so that the thread ratios do not compare a fast spell of this machine with a slow one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type Row } from './harness.js';
import { MODELS } from './models.js';
import { report, type SideResult } from './report.js';
import { bestOf } from './best-of.js';

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, '..');
const repoRoot = join(benchDir, '..');
const minSeconds = Number(process.env.BENCH_MIN_SECONDS ?? 2);
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const threads = Math.max(1, Math.min(cores, 8));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2) || 1);

function child(cmd: string, args: string[], env: Record<string, string>, label: string, timeoutS: number): Promise<SideResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    process.stdout.write(`  running ${label} ...`);
    const p = spawn(cmd, args, { cwd: benchDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutS * 1000);
    p.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(` ${seconds.toFixed(0)} s\n`);
      const line = out.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
      if (line) {
        resolve({ label, seconds, ...JSON.parse(line.slice(RESULT_PREFIX.length)) });
      } else {
        const why = code === null ? `killed after ${timeoutS} s` : `exit ${code}: ${err.trim().split('\n').pop() ?? ''}`;
        resolve({ label, seconds, side: label, rows: [] as Row[], error: why.slice(0, 200) });
      }
    });
  });
}

const tsx = (args: string[], env: Record<string, string>, label: string, timeoutS = 900) =>
  child(process.execPath, ['--import', 'tsx', join(here, 'side.ts'), ...args], env, label, timeoutS);

async function main(): Promise<void> {
  console.log(`keras-ts bench: ${cores} cores, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}`);
  const env = { BENCH_MIN_SECONDS: String(minSeconds) };
  const results: SideResult[] = [];
  const one: SideResult[] = [], many: SideResult[] = [];
  for (let r = 1; r <= rounds; r++) {
    const round = rounds > 1 ? ` (round ${r} of ${rounds})` : '';
    one.push(await tsx(['ours', 'wasm', 'kernels,models,leak'], { ...env, KERAS_TS_WASM_THREADS: '1' }, `ours wasm 1 thread${round}`));
    if (threads > 1) {
      many.push(await tsx(['ours', 'wasm', 'kernels,models'], { ...env, KERAS_TS_WASM_THREADS: String(threads) }, `ours wasm ${threads} threads${round}`));
    }
  }
  results.push({ ...bestOf(one), label: 'ours wasm 1 thread' });
  if (many.length) results.push({ ...bestOf(many), label: `ours wasm ${threads} threads` });
  results.push(await tsx(['stock', 'wasm', 'kernels,models'], env, 'tfjs wasm'));
  // tfjs's cpu CNN takes seconds per sample: one small batch per fit, no predict.
  const cpuEnv = { BENCH_MIN_SECONDS: '0.1', BENCH_BATCH: '8', BENCH_PREDICT: '0' };
  results.push(await tsx(['stock', 'cpu', 'models', 'cnn'], cpuEnv, 'tfjs cpu', 600));
  results.push(await tsx(['ours', 'cpu', 'models', 'cnn'], cpuEnv, 'ours cpu', 600));
  const python = join(repoRoot, '.venv', 'bin', 'python');
  if (process.env.BENCH_SKIP_JAX === '1') {
    results.push({ label: 'keras3 jax', side: 'jax', rows: [], error: 'skipped: BENCH_SKIP_JAX=1' });
  } else if (!existsSync(python)) {
    results.push({ label: 'keras3 jax', side: 'jax', rows: [], error: `skipped: no Python venv at ${python} (create it with scripts/oracle-venv.sh)` });
  } else {
    results.push(await child(python, [join(benchDir, 'python', 'keras_jax_bench.py'), String(minSeconds)], { KERAS_BACKEND: 'jax' }, 'keras3 jax', 900));
  }
  const summary = report(results, { threads, models: MODELS });
  const outDir = join(benchDir, 'results');
  mkdirSync(outDir, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    machine: { cores, cpu: os.cpus()[0]?.model ?? null, node: process.version, loadavg1: os.loadavg()[0] },
    minSeconds,
    rounds,
    sides: results,
    summary,
  };
  const tmp = join(outDir, 'latest.tmp.json');
  writeFileSync(tmp, JSON.stringify(json, null, 2) + '\n');
  renameSync(tmp, join(outDir, 'latest.json'));
  console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
}

await main();
