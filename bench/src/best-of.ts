/**
 * Merges repeated runs of one side into one: each row keeps its best value (the fastest run: this machine's
 * speed drifts by tens of percent within minutes, and a side measured in a slow spell would skew every ratio
 * against the other), the worst leak and peak tensor count, and lists every run's value in `runs`.
 */
import type { Row } from './harness.js';
import type { SideResult } from './report.js';

export function bestOf(runs: SideResult[]): SideResult {
  const ok = runs.filter((r) => !r.error);
  if (ok.length === 0) return runs[0]!;
  const byName = new Map<string, Row[]>();
  for (const run of ok) for (const row of run.rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  const rows = ok[0]!.rows.map((first) => {
    const all = byName.get(first.name)!;
    const values = all.map((r) => r.value).filter((v): v is number => v != null);
    const worst = (k: 'leak' | 'peakTensors') => {
      const xs = all.map((r) => r[k]).filter((v): v is number => v != null);
      return xs.length ? { [k]: Math.max(...xs) } : {};
    };
    return {
      ...first,
      value: values.length ? Math.max(...values) : first.value,
      ...worst('peakTensors'),
      ...worst('leak'),
      ...(all.length > 1 ? { runs: all.map((r) => r.value) } : {}),
    };
  });
  return { ...ok[0]!, rows, seconds: ok.reduce((s, r) => s + (r.seconds ?? 0), 0) };
}
