/** Which Keras wrote a file, and the refusal of Keras 1 files. */
import { FileFormatError } from '@keras-ts/tensor';

/** The keras_version keras-ts writes into Keras 2 HDF5 files: the last tf.keras 2 layout, which it follows. */
export const KERAS2_FORMAT_VERSION = '2.15.0';
export const KERAS2_BACKEND = 'tensorflow';

/**
 * Throws the typed "Keras 1 is not supported" error when `kerasVersion` (the file's `keras_version`
 * attribute, absent in Keras 1 weight files) says Keras 1 wrote the file.
 */
export function assertNotKeras1(kerasVersion: string | undefined, source?: string): void {
  const major = kerasVersion === undefined ? 1 : Number.parseInt(kerasVersion, 10);
  if (major === 1) {
    const what = kerasVersion === undefined ? 'has no keras_version attribute, so it was written by Keras 1' : `was written by Keras ${kerasVersion}`;
    throw new FileFormatError(
      `this file ${what}; the Keras 1 format (per-gate weights such as "lstm_1_W_i:0", "output_dim" configs) is not supported. ` +
        'Load it in Keras 2 and save it again (model.save("model.h5")) to convert it.',
      source,
    );
  }
}
