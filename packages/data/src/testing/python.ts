/**
 * Test helper: the Python oracle (the repo's `.venv`, made by `scripts/oracle-venv.sh`, or KERAS_TS_PYTHON),
 * checked to import the given modules. Tests skip, printing `why`, when it is null. Mirrors testing/oracle.ts at
 * the repo root (which lies outside this package's rootDir).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = join(packageDir, '..', '..');

export interface Python {
  path: string;
  /** Runs a script file with arguments (asynchronously: the test worker stays responsive); resolves to stdout. */
  runScript(script: string, args: string[], timeoutMs?: number): Promise<string>;
}

export function pythonWith(modules: string[]): { python: Python | null; why: string } {
  const path = process.env.KERAS_TS_PYTHON ?? join(repoRoot, '.venv', 'bin', 'python');
  if (!existsSync(path)) return { python: null, why: `no Python oracle at ${path} (run scripts/oracle-venv.sh)` };
  const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' };
  const check = spawnSync(path, ['-c', `import importlib.util, sys; missing = [m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None]; print(','.join(missing)); sys.exit(1 if missing else 0)`], { encoding: 'utf8', env });
  if (check.status !== 0) return { python: null, why: `Python oracle lacks ${check.stdout.trim() || check.stderr.trim().split('\n').pop()}` };
  return {
    python: {
      path,
      runScript(script, args, timeoutMs = 170_000) {
        return new Promise((resolve, reject) => {
          const child = spawn(path, [script, ...args], { env, timeout: timeoutMs });
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
          child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
          child.on('error', reject);
          child.on('close', (code, signal) => {
            if (code === 0) resolve(out);
            else reject(new Error(`${script} failed (${code ?? signal}): ${err.slice(-2000)}`));
          });
        });
      },
    },
    why: '',
  };
}
