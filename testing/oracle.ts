/**
 * Test helper: run a Python script with the oracle venv (real Keras 3 / JAX / TensorFlow), made by
 * `scripts/oracle-venv.sh`. Tests call `pythonOracle()` and skip, printing the reason, when it is absent.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = join(repoRoot, '..', 'shared');
export const fixturesDir = join(sharedDir, 'fixtures');

export interface Oracle {
  python: string;
  /** Runs `code` with the given env; returns stdout. Throws with stderr on failure. */
  run(code: string, opts?: { env?: Record<string, string>; args?: string[]; timeoutMs?: number }): string;
  /** Like `run`, without blocking the event loop (use it for slow imports such as TensorFlow). */
  runAsync(code: string, opts?: { env?: Record<string, string>; args?: string[]; timeoutMs?: number }): Promise<string>;
}

/** The oracle, or null with the reason it is unavailable (`modules` must import). */
export function pythonOracle(modules: string[] = ['keras', 'jax']): { oracle: Oracle | null; why: string } {
  const python = process.env.KERAS_TS_PYTHON ?? join(repoRoot, '.venv', 'bin', 'python');
  if (!existsSync(python)) return { oracle: null, why: `no Python oracle at ${python} (run scripts/oracle-venv.sh)` };
  // find_spec checks that the modules are installed without paying for importing them (TensorFlow takes seconds).
  const probe = `import importlib.util, sys\nmissing = [m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None]\nif missing: sys.exit('missing modules: ' + ', '.join(missing))`;
  const check = spawnSync(python, ['-c', probe], { encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'jax' } });
  if (check.status !== 0) return { oracle: null, why: `Python oracle cannot import ${modules.join(', ')}: ${check.stderr.trim().split('\n').pop()}` };
  const oracle: Oracle = {
    python,
    run(code, opts = {}) {
      return execFileSync(python, ['-c', code, ...(opts.args ?? [])], {
        encoding: 'utf8',
        env: { ...process.env, KERAS_BACKEND: 'jax', TF_CPP_MIN_LOG_LEVEL: '3', ...opts.env },
        timeout: opts.timeoutMs ?? 120_000,
        maxBuffer: 1 << 28,
      });
    },
    runAsync(code, opts = {}) {
      return new Promise((resolve, reject) => {
        execFile(
          python,
          ['-c', code, ...(opts.args ?? [])],
          {
            encoding: 'utf8',
            env: { ...process.env, KERAS_BACKEND: 'jax', TF_CPP_MIN_LOG_LEVEL: '3', ...opts.env },
            timeout: opts.timeoutMs ?? 300_000,
            maxBuffer: 1 << 28,
          },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        );
      });
    },
  };
  return { oracle, why: '' };
}
