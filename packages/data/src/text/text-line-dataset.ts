/**
 * TextLineDataset: the lines of one or more text files (optionally GZIP/ZLIB compressed), streamed in order as
 * scalar string tensors, without their line endings.
 */
import * as tf from '@keras-ts/tensor';
import { Dataset } from '../dataset.js';
import { UNKNOWN_CARDINALITY } from '../cardinality.js';
import { TensorSpec } from '../structure.js';
import { parseCompression } from '../io/byte-reader.js';
import { readLines } from '../io/line-reader.js';
import { fileList, filesInterleaved } from '../tfrecord/tfrecord-dataset.js';

export interface TextLineDatasetOptions {
  /** '' (none), 'GZIP' or 'ZLIB'. */
  compressionType?: string | null;
  /** Read buffer in bytes; default 256 KiB. */
  bufferSize?: number;
  /** Files read at once, their lines interleaved one by one (tf.data's num_parallel_reads); default 1. */
  numParallelReads?: number;
}

export class TextLineDataset extends Dataset<tf.Tensor> {
  readonly filenames: readonly string[];

  constructor(filenames: string | readonly string[], options: TextLineDatasetOptions = {}) {
    const files = fileList(filenames, 'TextLineDataset');
    const compression = parseCompression(options.compressionType, 'TextLineDataset');
    async function* fileLines(f: string): AsyncGenerator<tf.Tensor> {
      for await (const line of readLines(f, { compression, bufferSize: options.bufferSize })) {
        yield tf.tensor([new Uint8Array(line)], [], 'string');
      }
    }
    super(filesInterleaved(files, options.numParallelReads, 'TextLineDataset', fileLines), { cardinality: UNKNOWN_CARDINALITY, spec: new TensorSpec([], 'string') });
    this.filenames = files;
  }
}
