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
import { interleaveGen } from '../ops/interleave.js';

export interface TFRecordDatasetOptions {
  /** '' (none), 'GZIP' or 'ZLIB'. */
  compressionType?: string | null;
  /** Read buffer in bytes; default 256 KiB. */
  bufferSize?: number;
  /** Files read at once, their records interleaved one by one (tf.data's num_parallel_reads); default 1 (in order). */
  numParallelReads?: number;
  /** Receives each file's byte reader (for tests of bounded buffering). */
  onReader?: RecordReadOptions['onReader'];
}

export function fileList(filenames: string | readonly string[], what: string): string[] {
  const files = typeof filenames === 'string' ? [filenames] : [...filenames];
  if (files.length === 0) throw new ValueError(`${what}: expected at least one filename.`);
  for (const f of files) if (typeof f !== 'string' || f === '') throw new ValueError(`${what}: filenames must be non-empty strings, but received ${JSON.stringify(f)}.`);
  return files;
}

/** A source over `files`, read one after another, or `numParallelReads` at a time with interleaved elements. */
export function filesInterleaved<R>(files: string[], numParallelReads: number | undefined, what: string, read: (file: string) => AsyncGenerator<R>): () => AsyncIterator<R> {
  const k = numParallelReads ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new ValueError(`${what}: numParallelReads must be an integer >= 1, but received ${k}.`);
  if (k === 1) {
    return async function* () {
      for (const f of files) yield* read(f);
    };
  }
  async function* names(): AsyncGenerator<string> {
    yield* files;
  }
  return () => interleaveGen(names(), (f: string) => ({ it: read(f), close: () => undefined }), k, 1);
}

export class TFRecordDataset extends Dataset<tf.Tensor> {
  readonly filenames: readonly string[];

  constructor(filenames: string | readonly string[], options: TFRecordDatasetOptions = {}) {
    const files = fileList(filenames, 'TFRecordDataset');
    const compression = parseCompression(options.compressionType, 'TFRecordDataset');
    const readOpts: RecordReadOptions = { compression, bufferSize: options.bufferSize, onReader: options.onReader };
    async function* fileRecords(f: string): AsyncGenerator<tf.Tensor> {
      for await (const rec of readRecords(f, readOpts)) yield tf.tensor([new Uint8Array(rec)], [], 'string');
    }
    super(filesInterleaved(files, options.numParallelReads, 'TFRecordDataset', fileRecords), { cardinality: UNKNOWN_CARDINALITY, spec: new TensorSpec([], 'string') });
    this.filenames = files;
  }
}
