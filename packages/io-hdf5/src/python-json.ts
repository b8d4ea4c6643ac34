/**
 * JSON text as Python's `json.dumps` writes it (what Keras stores in `model_config`, `config.json`):
 * separators ', ' and ': ', non-ASCII escaped as \uXXXX. Python's own readers accept either form; writing the
 * same text keeps files byte-comparable with Keras's.
 */
import { ValueError } from '@keras-ts/tensor';

function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
    return `{${entries.map(([k, v]) => `${quote(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  throw new ValueError(`Cannot serialize a ${typeof value} to JSON`);
}
