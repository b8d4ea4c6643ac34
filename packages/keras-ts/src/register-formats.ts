/**
 * Registers the file formats with the models package (side effect): TensorFlow checkpoints for
 * `saveWeights('./my_model')`; `@keras-ts/io-hdf5` registers `.h5`/`.keras`/`.weights.h5` itself on import.
 */
import { registerWeightsFormat, type WeightsFormat } from '@keras-ts/models';
import { tfCheckpointWeightsFormat } from '@keras-ts/io-checkpoint';
import '@keras-ts/io-hdf5';

registerWeightsFormat(tfCheckpointWeightsFormat as unknown as WeightsFormat);
