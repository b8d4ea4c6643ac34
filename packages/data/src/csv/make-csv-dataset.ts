/**
 * experimental.makeCsvDataset (tf.data.experimental.make_csv_dataset): batches of `[features, label]` (or just
 * `features` without `labelName`) read from CSV files with a header, column types given or inferred, shuffled and
 * repeated by default like TensorFlow. Rows are parsed and batched as plain values, so only the batch tensors
 * are ever made; files stream, so memory is bounded by the shuffle buffer, whatever the file size.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Dataset } from '../dataset.js';
import { UNKNOWN_CARDINALITY, INFINITE_CARDINALITY } from '../cardinality.js';
import { TensorSpec, type ElementSpec } from '../structure.js';
import { parseCompression, type Compression } from '../io/byte-reader.js';
import { readLines } from '../io/line-reader.js';
import { splitCsvLine } from './csv-line.js';
import { gunzipSync, inflateSync } from 'node:zlib';

export type CsvColumnType = 'float32' | 'int32' | 'string';

export interface MakeCsvDatasetOptions {
  /** Column names; default: the header of the first file (required when `header` is false). */
  columnNames?: readonly string[];
  /** Column types; default: inferred from the first `numRowsForInference` rows (int32, then float32, then string). */
  columnTypes?: readonly CsvColumnType[];
  /** Per column, the value used for an empty/NA field; null makes the column required. Default: 0 or ''. */
  columnDefaults?: readonly (number | string | null)[];
  /** The column returned as the label: elements are `[features, label]`. */
  labelName?: string;
  /** Only these columns (names or indices) are parsed. */
  selectColumns?: readonly (string | number)[];
  fieldDelim?: string;
  useQuoteDelim?: boolean;
  /** A field equal to this is missing (NA). Default ''. */
  naValue?: string;
  /** Whether each file starts with a header line (default true). */
  header?: boolean;
  /** Passes over the data; default null = forever (as TensorFlow). */
  numEpochs?: number | null;
  shuffle?: boolean;
  shuffleBufferSize?: number;
  shuffleSeed?: number;
  /** Batches prepared ahead (default 1). */
  prefetchBufferSize?: number;
  numRowsForInference?: number;
  /** '' (none), 'GZIP' or 'ZLIB'. */
  compressionType?: string | null;
  /** Skip malformed rows instead of failing. */
  ignoreErrors?: boolean;
  /** Drop the last partial batch of each pass. */
  dropFinalBatch?: boolean;
}

/** File names for a path or pattern (`*` and `?` in the last component). */
export function expandPattern(pattern: string | readonly string[]): string[] {
  const list = typeof pattern === 'string' ? [pattern] : [...pattern];
  const out: string[] = [];
  for (const p of list) {
    const base = basename(p);
    if (!/[*?]/.test(base)) {
      out.push(p);
      continue;
    }
    const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const dir = dirname(p);
    const matches = readdirSync(dir).filter((n) => re.test(n)).sort();
    out.push(...matches.map((n) => join(dir, n)));
  }
  if (out.length === 0) throw new ValueError(`makeCsvDataset: no files match ${JSON.stringify(pattern)}.`);
  return out;
}

/** The first `maxLines` lines of a file, read synchronously (for the header and type inference). */
function headLines(file: string, compression: Compression, maxLines: number): string[] {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const b = Buffer.alloc(1 << 16);
      const n = readSync(fd, b, 0, b.length, null);
      if (n === 0) break;
      chunks.push(b.subarray(0, n));
      total += n;
      let text: string;
      try {
        const raw = Buffer.concat(chunks);
        text = compression === '' ? raw.toString('utf8') : (compression === 'GZIP' ? gunzipSync : inflateSync)(raw, { finishFlush: 2 }).toString('utf8');
      } catch {
        continue;
      }
      const lines = text.split('\n');
      if (lines.length > maxLines + 1 || total > 1 << 24) return lines.slice(0, maxLines).map((l) => l.replace(/\r$/, ''));
    }
    const raw = Buffer.concat(chunks);
    const text = compression === '' ? raw.toString('utf8') : (compression === 'GZIP' ? gunzipSync : inflateSync)(raw).toString('utf8');
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.slice(0, maxLines);
  } finally {
    closeSync(fd);
  }
}

function inferType(values: string[], na: string): CsvColumnType {
  let t: CsvColumnType = 'int32';
  for (const v of values) {
    if (v === na || v === '') continue;
    const n = Number(v);
    if (v.trim() === '' || Number.isNaN(n)) return 'string';
    if (t === 'int32' && !(Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && /^[+-]?\d+$/.test(v.trim()))) t = 'float32';
  }
  return t;
}

export function makeCsvDataset(filePattern: string | readonly string[], batchSize: number, options: MakeCsvDatasetOptions = {}): Dataset<unknown> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ValueError(`makeCsvDataset: batchSize must be an integer >= 1, but received ${batchSize}.`);
  const files = expandPattern(filePattern);
  const compression = parseCompression(options.compressionType, 'makeCsvDataset');
  const delim = options.fieldDelim ?? ',';
  const useQuote = options.useQuoteDelim ?? true;
  const na = options.naValue ?? '';
  const header = options.header ?? true;
  const split = (line: string): string[] | string => splitCsvLine(line, delim, useQuote);

  const head = headLines(files[0]!, compression, (options.numRowsForInference ?? 100) + 1);
  let names: string[];
  if (options.columnNames) names = [...options.columnNames];
  else if (header) {
    if (head.length === 0) throw new ValueError(`makeCsvDataset: ${files[0]} is empty; expected a header line.`);
    const h = split(head[0]!.replace(/^\uFEFF/, ''));
    if (typeof h === 'string') throw new ValueError(`makeCsvDataset: ${files[0]}:1: cannot parse the header: ${h}.`);
    names = h.map((s) => s.trim());
  } else throw new ValueError('makeCsvDataset: columnNames is required when header is false.');
  if (new Set(names).size !== names.length) throw new ValueError(`makeCsvDataset: column names must be unique, but received [${names.join(', ')}].`);

  const selected: number[] = options.selectColumns
    ? options.selectColumns.map((c) => {
        const i = typeof c === 'number' ? c : names.indexOf(c);
        if (i < 0 || i >= names.length) throw new ValueError(`makeCsvDataset: selectColumns entry ${JSON.stringify(c)} is not a column; columns are [${names.join(', ')}].`);
        return i;
      })
    : names.map((_, i) => i);
  const bodySample = (header ? head.slice(1) : head).map(split).filter((r): r is string[] => typeof r !== 'string');
  const types: CsvColumnType[] = names.map((_, i) => options.columnTypes?.[i] ?? inferType(bodySample.map((r) => r[i] ?? ''), na));
  for (const t of types) if (t !== 'float32' && t !== 'int32' && t !== 'string') throw new ValueError(`makeCsvDataset: column types must be 'float32', 'int32' or 'string', but received '${t}'.`);
  if (options.columnTypes && options.columnTypes.length !== names.length) {
    throw new ValueError(`makeCsvDataset: columnTypes has ${options.columnTypes.length} entries but there are ${names.length} columns.`);
  }
  const defaults = options.columnDefaults;
  if (options.labelName !== undefined && !selected.some((i) => names[i] === options.labelName)) {
    throw new ValueError(`makeCsvDataset: labelName '${options.labelName}' is not one of the (selected) columns [${selected.map((i) => names[i]).join(', ')}].`);
  }

  /** Parses one row to its selected values, or returns an error text. */
  const parseRow = (fields: string[]): (number | string)[] | string => {
    if (fields.length !== names.length) return `expected ${names.length} fields but found ${fields.length}`;
    const out: (number | string)[] = [];
    for (const i of selected) {
      const raw = fields[i]!;
      const t = types[i]!;
      if (raw === na || (raw === '' && t !== 'string')) {
        // Without columnDefaults, missing fields default to 0 / '' (TensorFlow's inferred defaults).
        const d = defaults ? defaults[i] : t === 'string' ? '' : 0;
        if (d === undefined || d === null) return `column '${names[i]}' is empty and required (no default in columnDefaults)`;
        out.push(d);
        continue;
      }
      if (t === 'string') out.push(raw);
      else {
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n) || (t === 'int32' && !Number.isInteger(n))) return `column '${names[i]}' expects ${t} but found '${raw}'`;
        out.push(n);
      }
    }
    return out;
  };

  const ignore = options.ignoreErrors ?? false;
  async function* rows(): AsyncGenerator<(number | string)[]> {
    for (const f of files) {
      let lineNo = 0;
      for await (const buf of readLines(f, { compression })) {
        lineNo++;
        if (header && lineNo === 1) continue;
        const line = lineNo === 1 ? buf.toString('utf8').replace(/^\uFEFF/, '') : buf.toString('utf8');
        if (line === '') continue;
        const fields = split(line);
        const r = typeof fields === 'string' ? fields : parseRow(fields);
        if (typeof r === 'string') {
          if (ignore) continue;
          throw new ValueError(`makeCsvDataset: ${f}:${lineNo}: ${r}.`);
        }
        yield r;
      }
    }
  }

  const epochs = options.numEpochs ?? -1;
  let ds: Dataset<(number | string)[]> = new Dataset(rows, { cardinality: UNKNOWN_CARDINALITY, spec: null });
  if (epochs !== 1) ds = ds.repeat(epochs);
  if (options.shuffle ?? true) ds = ds.shuffle(options.shuffleBufferSize ?? 10000, { seed: options.shuffleSeed });

  const labelIdx = options.labelName === undefined ? -1 : selected.findIndex((i) => names[i] === options.labelName);
  const toBatch = (batch: (number | string)[][]): unknown => {
    const col = (k: number): tf.Tensor => {
      const t = types[selected[k]!]!;
      const vals = batch.map((r) => r[k]!);
      if (t === 'string') return tf.tensor(vals as string[], [batch.length], 'string');
      return tf.tensor(t === 'int32' ? Int32Array.from(vals as number[]) : Float32Array.from(vals as number[]), [batch.length], t);
    };
    const features: Record<string, tf.Tensor> = {};
    selected.forEach((i, k) => {
      if (k !== labelIdx) features[names[i]!] = col(k);
    });
    return labelIdx < 0 ? features : [features, col(labelIdx)];
  };
  const drop = options.dropFinalBatch ?? false;
  async function* batches(): AsyncGenerator<unknown> {
    let buf: (number | string)[][] = [];
    for await (const r of ds) {
      buf.push(r);
      if (buf.length === batchSize) {
        const b = buf;
        buf = [];
        yield toBatch(b);
      }
    }
    if (buf.length > 0 && !drop) yield toBatch(buf);
  }
  const featSpec: Record<string, ElementSpec> = {};
  selected.forEach((i, k) => {
    if (k !== labelIdx) featSpec[names[i]!] = new TensorSpec([drop ? batchSize : null], types[i]!);
  });
  const spec: ElementSpec =
    labelIdx < 0 ? featSpec : [featSpec, new TensorSpec([drop ? batchSize : null], types[selected[labelIdx]!]!)];
  const batched = new Dataset<unknown>(batches, { cardinality: epochs < 0 ? INFINITE_CARDINALITY : UNKNOWN_CARDINALITY, spec, inputs: [ds] });
  return batched.prefetch(options.prefetchBufferSize ?? 1);
}

/** tf.data.experimental. */
export const experimental = { makeCsvDataset };
