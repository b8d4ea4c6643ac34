/**
 * A whole `.keras` model as plain data: the model config (`config.json`, with `compile_config` when it was
 * compiled), `metadata.json`, and the variables of every saveable object (`model.weights.h5`).
 */
import { FileFormatError } from '@keras-ts/tensor';
import { readHdf5, writeHdf5, type ReadHdf5Options } from '../h5/engine.js';
import { parseObjectConfig, parseOptionalObject, type KerasObjectConfig } from '../json-config.js';
import { pythonJsonDumps } from '../python-json.js';
import { CONFIG_ENTRY, METADATA_ENTRY, WEIGHTS_ENTRY, readArchiveEntries, writeArchive } from './archive.js';
import { readVarsEntries, varsTree, type VarsEntry } from './weights-layout.js';

/** The keras_version keras-ts writes in `metadata.json`: the Keras 3 layout it follows. */
export const KERAS3_FORMAT_VERSION = '3.15.1';

export interface Keras3Archive {
  config: KerasObjectConfig;
  metadata: Record<string, unknown>;
  /** By object path ('' is the model itself, 'layers/dense', 'optimizer', ...). */
  vars: Map<string, VarsEntry>;
}

export async function readKeras3Archive(bytes: Uint8Array, options: ReadHdf5Options = {}): Promise<Keras3Archive> {
  const { source } = options;
  const entries = readArchiveEntries(bytes, [CONFIG_ENTRY, METADATA_ENTRY, WEIGHTS_ENTRY], { source, maxBytes: options.maxBytes });
  const configBytes = entries.get(CONFIG_ENTRY);
  if (!configBytes) throw new FileFormatError(`the .keras archive has no "${CONFIG_ENTRY}"`, source);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const config = parseObjectConfig(decoder.decode(configBytes), CONFIG_ENTRY, source);
  const metaBytes = entries.get(METADATA_ENTRY);
  const metadata = metaBytes ? parseOptionalObject(decoder.decode(metaBytes), METADATA_ENTRY, source) ?? {} : {};
  const weightBytes = entries.get(WEIGHTS_ENTRY);
  let vars = new Map<string, VarsEntry>();
  if (weightBytes) {
    const root = await readHdf5(weightBytes, { ...options, source: source ? `${source}!${WEIGHTS_ENTRY}` : WEIGHTS_ENTRY });
    vars = readVarsEntries(root, source);
  }
  return { config, metadata, vars };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Keras's `date_saved` format: '2024-04-01@15:45:26' (local time). */
export function kerasDateSaved(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}@${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export interface Keras3ArchiveContent {
  config: KerasObjectConfig;
  vars: VarsEntry[];
  kerasVersion?: string;
  date?: Date;
}

export async function writeKeras3Archive(content: Keras3ArchiveContent): Promise<Uint8Array> {
  const date = content.date ?? new Date();
  const enc = new TextEncoder();
  const metadata = { keras_version: content.kerasVersion ?? KERAS3_FORMAT_VERSION, date_saved: kerasDateSaved(date) };
  const weights = await writeHdf5(varsTree(content.vars));
  return writeArchive(
    [
      [METADATA_ENTRY, enc.encode(pythonJsonDumps(metadata))],
      [CONFIG_ENTRY, enc.encode(pythonJsonDumps(content.config))],
      [WEIGHTS_ENTRY, weights],
    ],
    date,
  );
}
