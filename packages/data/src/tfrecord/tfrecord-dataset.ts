/**
 * TFRecordDataset: the records of one or more TFRecord files (optionally GZIP/ZLIB compressed), in order, as
 * scalar string tensors holding the raw record bytes. Files are streamed: memory stays bounded by the read
 * buffer and one record, whatever the file size. Corrupt framing or CRCs raise TFRecordCorruptionError naming
 * the file and the record's offset (in the decompressed stream).
 */
import * as tf from '@keras-ts/tensor';
import { ValueError } from '@keras-ts/tensor';
import { Dataset } from '../dataset.js';
import { UNKNOWN_CARDINALITY } from '../cardinality.js';
import { TensorSpec } from '../structure.js';
import { parseCompression } from '../io/byte-reader.js';
import { readRecords, type RecordReadOptions } from './record-reader.js';

export interface TFRecordDatasetOptions {
  /** '' (none), 'GZIP' or 'ZLIB'. */
  compressionType?: string | null;
  /** Read buffer in bytes; default 256 KiB. */
  bufferSize?: number;
  /** Receives each file's byte reader (for tests of bounded buffering). */
  onReader?: RecordReadOptions['onReader'];
}

export function fileList(filenames: string | readonly string[], what: string): string[] {
  const files = typeof filenames === 'string' ? [filenames] : [...filenames];
  if (files.length === 0) throw new ValueError(`${what}: expected at least one filename.`);
  for (const f of files) if (typeof f !== 'string' || f === '') throw new ValueError(`${what}: filenames must be non-empty strings, but received ${JSON.stringify(f)}.`);
  return files;
}

export class TFRecordDataset extends Dataset<tf.Tensor> {
  readonly filenames: readonly string[];

  constructor(filenames: string | readonly string[], options: TFRecordDatasetOptions = {}) {
    const files = fileList(filenames, 'TFRecordDataset');
    const compression = parseCompression(options.compressionType, 'TFRecordDataset');
    const readOpts: RecordReadOptions = { compression, bufferSize: options.bufferSize, onReader: options.onReader };
    async function* gen(): AsyncGenerator<tf.Tensor> {
      for (const f of files) {
        for await (const rec of readRecords(f, readOpts)) yield tf.tensor([new Uint8Array(rec)], [], 'string');
      }
    }
    super(gen, { cardinality: UNKNOWN_CARDINALITY, spec: new TensorSpec([], 'string') });
    this.filenames = files;
  }
}
