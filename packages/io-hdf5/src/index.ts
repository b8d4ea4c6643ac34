/**
 * @keras-ts/io-hdf5: Keras HDF5 (`.h5`) and Keras 3 (`.keras`, `.weights.h5`) files.
 *
 * Importing this package registers its formats with `@keras-ts/models`, so that `model.save('x.h5')`,
 * `model.saveWeights('x.weights.h5')`, `model.loadWeights(...)` and `loadModel('x.keras')` work. The
 * lower layers (HDF5 trees, Keras 2/3 layouts as plain data) are exported for tools that need them.
 */
import { registerModelFormat, registerWeightsFormat } from '@keras-ts/models';
import { h5ModelFormat, h5WeightsFormat } from './formats/h5-format.js';
import { keras3WeightsFormat, kerasModelFormat } from './formats/keras-format.js';

registerModelFormat(h5ModelFormat);
registerWeightsFormat(h5WeightsFormat);
registerModelFormat(kerasModelFormat);
registerWeightsFormat(keras3WeightsFormat);

export { h5ModelFormat, h5WeightsFormat, saveH5Model, loadH5Model, saveH5Weights, loadH5Weights } from './formats/h5-format.js';
export { kerasModelFormat, keras3WeightsFormat, saveKerasModel, loadKerasModel, saveKeras3Weights } from './formats/keras-format.js';

export { readHdf5, writeHdf5, closeHdf5Engine } from './h5/engine.js';
export type { ReadHdf5Options } from './h5/engine.js';
export { checkSuperblock } from './h5/superblock.js';
export { DTYPES, group, dataset, stringAttr, stringsAttr, lookup, attr } from './h5/tree.js';
export type { H5Group, H5Dataset, H5Attribute, H5Node, H5Dtype, H5Data } from './h5/tree.js';

export type { WeightValue, LayerWeights, WeightDtype, WeightData } from './weight-values.js';
export { readKeras2ModelFile, readKeras2WeightsFile, keras2ModelFileTree, keras2WeightsFileTree, isKeras2ModelFile } from './keras2/model-file.js';
export type { Keras2ModelFile, Keras2ModelFileContent } from './keras2/model-file.js';
export { KERAS2_FORMAT_VERSION } from './keras2/version.js';

export { readKeras3Archive, writeKeras3Archive, KERAS3_FORMAT_VERSION } from './keras3/model-archive.js';
export type { Keras3Archive } from './keras3/model-archive.js';
export { readVarsEntries, varsTree, toSnakeCase as keras3SnakeCase } from './keras3/weights-layout.js';
export type { VarsEntry } from './keras3/weights-layout.js';

export { writeFileAtomic } from './fs/atomic-write.js';
