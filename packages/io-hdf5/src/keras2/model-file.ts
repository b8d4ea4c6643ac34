/**
 * Keras 2's whole-model HDF5 file (`model.save('x.h5')`): root attributes `keras_version`, `backend`,
 * `model_config` and `training_config` (JSON), group `model_weights` (the weights layout of `weights.ts`)
 * and, when the model was compiled, group `optimizer_weights` (attribute `weight_names`, one dataset per
 * name). Also the weights-only file of `save_weights('x.h5')`. Plain data in, plain data out.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { DTYPES, ensureGroup, group, lookup, stringAttr, type H5Group } from '../h5/tree.js';
import { parseObjectConfig, parseOptionalObject, type KerasObjectConfig } from '../json-config.js';
import { pythonJsonDumps } from '../python-json.js';
import { h5DtypeOf, weightFromDataset, type LayerWeights, type WeightValue } from '../weight-values.js';
import { readString, readStringList, stringListAttrs } from './attributes.js';
import { KERAS2_BACKEND, KERAS2_FORMAT_VERSION, assertNotKeras1 } from './version.js';
import { keras2WeightsContent, readKeras2Weights, type Keras2Weights } from './weights.js';

export interface Keras2ModelFile {
  kerasVersion?: string;
  backend?: string;
  modelConfig: KerasObjectConfig;
  trainingConfig?: Record<string, unknown>;
  layers: LayerWeights[];
  /** Absent when the file has no `optimizer_weights` group. */
  optimizerWeights?: WeightValue[];
}

/** True when the tree is a whole-model file (has `model_config`), false for a weights-only file. */
export function isKeras2ModelFile(root: H5Group): boolean {
  return root.attrs.some((a) => a.name === 'model_config');
}

/** Reads a `model.save('x.h5')` file. */
export function readKeras2ModelFile(root: H5Group, source?: string): Keras2ModelFile {
  const kerasVersion = readString(root, 'keras_version', 'the file', source);
  const backend = readString(root, 'backend', 'the file', source);
  const configText = readString(root, 'model_config', 'the file', source);
  if (configText === undefined) {
    throw new FileFormatError('no model found in config file: the file has no "model_config" attribute (a weights-only file? use loadWeights)', source);
  }
  assertNotKeras1(kerasVersion, source);
  const modelConfig = parseObjectConfig(configText, 'model_config', source);
  const trainingConfig = parseOptionalObject(readString(root, 'training_config', 'the file', source), 'training_config', source);
  const mw = lookup(root, 'model_weights');
  if (!mw || mw.type !== 'group') throw new FileFormatError('the file has a "model_config" but no "model_weights" group', source);
  const { layers } = readKeras2Weights(mw, '/model_weights', source, kerasVersion);
  const og = lookup(root, 'optimizer_weights');
  let optimizerWeights: WeightValue[] | undefined;
  if (og && og.type === 'group') {
    const names = readStringList(og, 'weight_names', '/optimizer_weights', source) ?? [];
    optimizerWeights = names.map((name) => {
      const ds = lookup(og, name);
      if (!ds || ds.type !== 'dataset') throw new FileFormatError(`/optimizer_weights lists "${name}" but has no dataset for it`, source);
      return weightFromDataset(ds, name, '/optimizer_weights', source);
    });
  }
  return { kerasVersion, backend, modelConfig, trainingConfig, layers, optimizerWeights };
}

/** Reads the layer weights of a weights-only file, or of the `model_weights` group of a whole-model file. */
export function readKeras2WeightsFile(root: H5Group, source?: string): Keras2Weights {
  const mw = lookup(root, 'model_weights');
  if (isKeras2ModelFile(root) && mw && mw.type === 'group') {
    return readKeras2Weights(mw, '/model_weights', source, readString(root, 'keras_version', 'the file', source));
  }
  return readKeras2Weights(root, '', source);
}

export interface Keras2WriteOptions {
  kerasVersion?: string;
  backend?: string;
}

/** The tree of a weights-only file (`save_weights('x.h5')`). */
export function keras2WeightsFileTree(layers: LayerWeights[], options: Keras2WriteOptions = {}): H5Group {
  const { attrs, children } = keras2WeightsContent(layers, options);
  return group('', attrs, children);
}

export interface Keras2ModelFileContent {
  modelConfig: KerasObjectConfig;
  trainingConfig?: Record<string, unknown>;
  layers: LayerWeights[];
  optimizerWeights?: WeightValue[];
}

/** The tree of a whole-model file (`model.save('x.h5')`), with the attribute dtypes tf.keras 2.11+ writes. */
export function keras2ModelFileTree(content: Keras2ModelFileContent, options: Keras2WriteOptions = {}): H5Group {
  const kerasVersion = options.kerasVersion ?? KERAS2_FORMAT_VERSION;
  const backend = options.backend ?? KERAS2_BACKEND;
  const root = group('', [
    stringAttr('backend', backend, DTYPES.vlenUtf8),
    stringAttr('keras_version', kerasVersion, DTYPES.vlenUtf8),
    stringAttr('model_config', pythonJsonDumps(content.modelConfig), DTYPES.vlenAscii),
  ]);
  if (content.trainingConfig) root.attrs.push(stringAttr('training_config', pythonJsonDumps(content.trainingConfig), DTYPES.vlenAscii));
  const { attrs, children } = keras2WeightsContent(content.layers, { kerasVersion, backend });
  root.children.push(group('model_weights', attrs, children));
  if (content.optimizerWeights && content.optimizerWeights.length > 0) {
    const og = group('optimizer_weights', stringListAttrs('weight_names', content.optimizerWeights.map((w) => w.name)));
    for (const w of content.optimizerWeights) {
      const cut = w.name.lastIndexOf('/');
      const parent = cut < 0 ? og : ensureGroup(og, w.name.slice(0, cut));
      parent.children.push({ type: 'dataset', name: w.name.slice(cut + 1), dtype: h5DtypeOf(w.dtype), shape: [...w.shape], data: w.data, attrs: [] });
    }
    root.children.push(og);
  }
  return root;
}
