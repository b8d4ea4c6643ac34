/**
 * The Keras progress bar: `verbose: 1` draws
 * `12/32 [=========>....................] - ETA: 1s - loss: 0.6931 - accuracy: 0.5000` on one line, rewritten in
 * place on a terminal; `verbose: 2` prints one line per epoch.
 */
export interface ProgbarOptions {
  target: number | null;
  width?: number;
  verbose?: number;
  interval?: number;
  stream?: { write(s: string): unknown; isTTY?: boolean };
  unitName?: string;
}

function formatValue(v: number): string {
  const a = Math.abs(v);
  // Python's '%.4e' (two-digit exponent), as Keras prints very small or large values.
  return a !== 0 && (a > 1e3 || a < 1e-3) ? v.toExponential(4).replace(/e([-+])(\d)$/, 'e$10$2') : v.toFixed(4);
}

function formatTime(seconds: number): string {
  if (seconds > 3600) return `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  if (seconds > 60) return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  return `${Math.round(seconds)}s`;
}

export class Progbar {
  readonly target: number | null;
  readonly width: number;
  readonly verbose: number;
  readonly interval: number;
  private stream: { write(s: string): unknown; isTTY?: boolean };
  private start = Date.now();
  private lastUpdate = 0;
  private totalWidth = 0;
  private dynamic: boolean;
  private unitName: string;

  constructor(opts: ProgbarOptions) {
    this.target = opts.target;
    this.width = opts.width ?? 30;
    this.verbose = opts.verbose ?? 1;
    this.interval = opts.interval ?? 0.05;
    this.stream = opts.stream ?? process.stdout;
    this.dynamic = !!this.stream.isTTY || process.env.KERAS_TS_PROGBAR === 'dynamic';
    this.unitName = opts.unitName ?? 'step';
  }

  /** Draws the bar at `current` with `values` (name → value). `finalize` ends the line. */
  update(current: number, values: Array<[string, number]> = [], finalize = this.target != null && current >= this.target): void {
    const now = Date.now();
    const elapsed = (now - this.start) / 1000;
    const metrics = values.map(([k, v]) => ` - ${k}: ${formatValue(v)}`).join('');
    if (this.verbose === 1) {
      if (!finalize && now - this.lastUpdate < this.interval * 1000) return;
      this.lastUpdate = now;
      let bar: string;
      if (this.target != null) {
        const digits = String(this.target).length;
        bar = `${String(current).padStart(digits)}/${this.target} [`;
        const prog = Math.min(current / this.target, 1);
        const filled = Math.floor(this.width * prog);
        if (filled > 0) bar += '='.repeat(filled - 1) + (current < this.target ? '>' : '=');
        bar += '.'.repeat(this.width - filled) + ']';
      } else bar = `${current}/Unknown`;
      const perUnit = current ? elapsed / current : 0;
      let info: string;
      if (this.target != null && !finalize) info = ` - ETA: ${formatTime(perUnit * (this.target - current))}`;
      else info = ` - ${formatTime(elapsed)} ${perUnit >= 1 ? `${Math.round(perUnit)}s` : perUnit >= 1e-3 ? `${Math.round(perUnit * 1e3)}ms` : `${Math.round(perUnit * 1e6)}us`}/${this.unitName}`;
      const line = bar + info + metrics;
      if (this.dynamic) {
        const pad = Math.max(0, this.totalWidth - line.length);
        this.stream.write(`\r${line}${' '.repeat(pad)}`);
        this.totalWidth = line.length;
        if (finalize) this.stream.write('\n');
      } else if (finalize) {
        this.stream.write(line + '\n');
      }
    } else if (this.verbose === 2 && finalize) {
      const digits = this.target != null ? String(this.target).length : 0;
      const head = this.target != null ? `${String(current).padStart(digits)}/${this.target} - ` : '';
      this.stream.write(`${head}${formatTime(elapsed)} - ${formatTime(elapsed / Math.max(current, 1))}/${this.unitName}${metrics}\n`);
    }
  }
}
