/** JSON from files: parsed into plain data only, with typed errors for anything hostile or malformed. */
import { FileFormatError } from '@keras-ts/tensor';

export interface KerasObjectConfig {
  class_name: string;
  config: unknown;
  [key: string]: unknown;
}

/** Parses `text` (the content of `what`); never evaluates anything, rejects non-JSON with FileFormatError. */
export function parseJson(text: string, what: string, source?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof RangeError ? 'it is nested too deeply' : (e as Error).message;
    throw new FileFormatError(`${what} is not valid JSON: ${why}`, source);
  }
}

/** Parses a `{class_name, config}` object (a model config), checking its outline. */
export function parseObjectConfig(text: string, what: string, source?: string): KerasObjectConfig {
  const v = parseJson(text, what, source);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new FileFormatError(`${what} must be a JSON object with "class_name" and "config"; received ${Array.isArray(v) ? 'an array' : typeof v}`, source);
  }
  const o = v as Record<string, unknown>;
  if (typeof o.class_name !== 'string' || !('config' in o)) {
    throw new FileFormatError(`${what} must have a string "class_name" and a "config"; received keys ${JSON.stringify(Object.keys(o).slice(0, 10))}`, source);
  }
  return o as KerasObjectConfig;
}

/** Parses an optional JSON object (e.g. training_config); undefined stays undefined. */
export function parseOptionalObject(text: string | undefined, what: string, source?: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const v = parseJson(text, what, source);
  if (v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new FileFormatError(`${what} must be a JSON object; received ${Array.isArray(v) ? 'an array' : typeof v}`, source);
  return v as Record<string, unknown>;
}
