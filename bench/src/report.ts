/** Turns the sides' rows into the printed table, the ratios, and the issue's targets. */
import type { Row } from './harness.js';
import type { ModelSpec } from './models.js';

export interface SideResult {
  label: string;
  side: string;
  backend?: string;
  threads?: number;
  seconds?: number;
  rows: Row[];
  error?: string;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (v: number | null | undefined, unit?: string) =>
  v == null ? '—' : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit ? ' ' + unit : ''}`;
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b != null && b > 0 ? a / b : null);
const fmtRatio = (r: number | null) => (r == null ? '—' : `${r.toFixed(2)}x`);

function value(s: SideResult | undefined, name: string): Row | undefined {
  return s?.rows.find((r) => r.name === name);
}

export function report(results: SideResult[], opts: { threads: number; models: ModelSpec[] }) {
  const by = (label: string) => results.find((r) => r.label === label);
  const one = by('ours wasm 1 thread');
  const many = by(`ours wasm ${opts.threads} threads`);
  const stock = by('tfjs wasm');
  const stockCpu = by('tfjs cpu');
  const oursCpu = by('ours cpu');
  const jax = by('keras3 jax');
  for (const r of results) if (r.error) console.log(`  ${r.label}: ${r.error}`);

  const names = [...new Set(results.flatMap((r) => r.rows.map((x) => x.name)))];
  const header = ['bench', 'ours 1t', many ? `ours ${opts.threads}t` : null, 'tfjs wasm', 'ours/tfjs', 'peak tensors (ours/tfjs)', 'jax', 'ours/jax'].filter(
    (x): x is string => x !== null,
  );
  const table: string[][] = [];
  for (const name of names) {
    if (name.startsWith('leak')) continue;
    const o = value(one, name), m = value(many, name), s = value(stock, name), j = value(jax, name);
    const best = Math.max(o?.value ?? -1, m?.value ?? -1);
    const bestOurs = best < 0 ? null : best;
    const unit = o?.unit ?? s?.unit ?? j?.unit ?? '';
    const note = (r?: Row) => (r?.value == null && r?.note ? ` (${r.note.slice(0, 60)})` : '');
    table.push([
      `${name} [${unit}]`,
      fmt(o?.value) + note(o),
      ...(many ? [fmt(m?.value)] : []),
      fmt(s?.value) + note(s),
      fmtRatio(ratio(bestOurs, s?.value)),
      `${o?.peakTensors ?? '—'}/${s?.peakTensors ?? '—'}`,
      fmt(j?.value),
      fmtRatio(ratio(bestOurs, j?.value)),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of table) console.log(line(r));

  // The targets.
  const best = (name: string) => {
    const v = [value(one, name)?.value, value(many, name)?.value].filter((x): x is number => x != null);
    return v.length ? Math.max(...v) : null;
  };
  const targets: Target[] = [];
  const mlp = best('mlp train'), mlpStock = value(stock, 'mlp train')?.value;
  const r1 = ratio(mlp, mlpStock);
  targets.push({ target: 'MLP train on wasm >= 4x tfjs-layers on wasm', measured: fmtRatio(r1), met: r1 == null ? null : r1 >= 4 });
  const cnn = best('cnn train');
  targets.push({ target: 'MNIST CNN train on wasm >= 1,000 samples/s', measured: fmt(cnn, 'samples/s'), met: cnn == null ? null : cnn >= 1000 });
  const cpuRef = value(stockCpu, 'cnn train')?.value;
  const r2 = ratio(cnn, cpuRef);
  targets.push({ target: 'MNIST CNN train on wasm >= 100x tfjs-layers on cpu', measured: `${fmtRatio(r2)} (tfjs cpu ${fmt(cpuRef, 'samples/s')}, ours cpu ${fmt(value(oursCpu, 'cnn train')?.value, 'samples/s')})`, met: r2 == null ? null : r2 >= 100 });
  // Effective MLP training FLOP/s against the plain matmul rate at the same thread count (one thread against
  // one thread, N against N); met when either setting reaches 60%.
  const flops = opts.models.find((m) => m.name === 'mlp')?.trainFlops ?? 0;
  // The plain rate is the faster of ours and stock tfjs's (whose XNNPack reuses its packing of the operand).
  const effAt = (side: SideResult | undefined, also?: SideResult) => {
    const samples = value(side, 'mlp train')?.value;
    const rates = [side, also].map((x) => value(x, 'matmul 128x784x256 NN')?.value).filter((x): x is number => x != null);
    const mm = rates.length ? Math.max(...rates) : null;
    return samples != null && mm ? { eff: (samples * flops) / 1e9, mm, r: (samples * flops) / 1e9 / mm } : null;
  };
  const effs = [['1t', effAt(one, stock)], [`${opts.threads}t`, many ? effAt(many) : null]] as const;
  const shown = effs.filter(([, e]) => e).map(([t, e]) => `${t}: ${fmt(e!.eff, 'GFLOP/s')} / ${fmt(e!.mm, 'GFLOP/s')} = ${(100 * e!.r).toFixed(0)}%`);
  const bestEff = Math.max(...effs.map(([, e]) => e?.r ?? -1));
  targets.push({
    target: 'MLP effective train FLOP/s >= 60% of plain wasm matmul (128x784x256 NN, best of ours and tfjs) at the same thread count',
    measured: shown.length ? shown.join('; ') : '—',
    met: bestEff < 0 ? null : bestEff >= 0.6,
  });
  for (const name of ['matmul 512x512x512 NN', 'matmul 512x512x512 NN fresh', 'matmul 128x784x256 NN fresh', 'mlp train', 'cnn train']) {
    const r = ratio(value(many, name)?.value, value(one, name)?.value);
    targets.push({ target: `threads: ${name} ${opts.threads}t >= 1.6x 1t`, measured: many ? `${fmtRatio(r)} (${fmt(value(one, name)?.value)} -> ${fmt(value(many, name)?.value)})` : 'one core: not measurable', met: r == null ? null : r >= 1.6 });
  }
  const jc = value(jax, 'cnn train')?.value;
  const r4 = ratio(cnn, jc);
  targets.push({ target: 'MNIST CNN >= 0.5x Keras 3 on JAX', measured: `${fmtRatio(r4)} (jax ${fmt(jc, 'samples/s')})`, met: r4 == null ? null : r4 >= 0.5 });
  for (const m of ['mlp', 'lstm', 'gru']) {
    const r = ratio(best(`${m} train`), value(jax, `${m} train`)?.value);
    targets.push({ target: `${m.toUpperCase()} vs Keras 3 on JAX (reported)`, measured: fmtRatio(r), met: null });
  }
  const leak = value(one, 'leak 1000 MLP steps b16');
  targets.push({ target: '1,000 training steps end with the same tensor count', measured: leak ? `${leak.leak} tensors, ${leak.note ?? ''}` : '—', met: leak?.leak == null ? null : leak.leak === 0 });
  console.log('\ntargets:');
  for (const t of targets) console.log(`  [${t.met == null ? ' ? ' : t.met ? 'met' : 'NOT'}] ${t.target}: ${t.measured}`);
  return { targets };
}
