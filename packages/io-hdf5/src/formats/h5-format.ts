/**
 * `.h5` files through the models registry: `model.save('x.h5')` / `loadModel('x.h5')` in Keras 2's
 * whole-model layout, and `saveWeights('x.h5')` / `loadWeights('x.h5')` in its weights layout (loading also
 * accepts a whole-model file and a Keras 3 weights file, recognized by content).
 */
import { modelConfig, modelFromConfig, type LoadModelOptions, type LoadWeightsOptions, type Model, type ModelFormat, type SaveOptions, type WeightsFormat } from '@keras-ts/models';
import { readFileBytes, writeFileAtomic } from '../fs/atomic-write.js';
import { readHdf5, writeHdf5 } from '../h5/engine.js';
import { lookup, type H5Group } from '../h5/tree.js';
import { keras2ModelFileTree, keras2WeightsFileTree, readKeras2ModelFile, readKeras2WeightsFile } from '../keras2/model-file.js';
import { readVarsEntries } from '../keras3/weights-layout.js';
import { assignLayerWeights, collectLayerWeights } from '../model-io/layer-weights.js';
import { assignKeras3Vars } from '../model-io/keras3-state.js';
import { keras2OptimizerWeights, restoreOptimizerState } from '../model-io/optimizer-state.js';
import { compileArgsFrom, trainingConfigOf } from '../model-io/training-config.js';
import { portableKeras2Config } from '../model-io/keras3-config.js';
import { checkOverwrite, isH5Path, isKeras3WeightsPath, warnOf } from './common.js';

/** Whether the tree has Keras 3's weights layout (top-level `layers`/`vars` groups, no `layer_names`). */
export function isKeras3WeightsTree(root: H5Group): boolean {
  return !root.attrs.some((a) => a.name.startsWith('layer_names')) && !lookup(root, 'model_weights') && (lookup(root, 'layers')?.type === 'group' || lookup(root, 'vars')?.type === 'group');
}

export async function saveH5Model(model: Model, path: string, options: SaveOptions = {}): Promise<void> {
  checkOverwrite(path, options.overwrite);
  const { class_name, config } = modelConfig(model);
  const includeOptimizer = options.includeOptimizer !== false;
  const tree = keras2ModelFileTree({
    modelConfig: portableKeras2Config({ class_name, config }),
    trainingConfig: trainingConfigOf(model),
    layers: collectLayerWeights(model),
    optimizerWeights: includeOptimizer && model.optimizer ? keras2OptimizerWeights(model.optimizer) : undefined,
  });
  await writeFileAtomic(path, await writeHdf5(tree));
}

export async function loadH5Model(path: string, options: LoadModelOptions = {}): Promise<Model> {
  const root = await readHdf5(await readFileBytes(path), { source: path });
  const file = readKeras2ModelFile(root, path);
  const model = modelFromConfig(file.modelConfig, { customObjects: options.customObjects, safeMode: options.safeMode });
  assignLayerWeights(model, file.layers, { source: path });
  const warn = warnOf(options);
  if (options.compile !== false) {
    if (!file.trainingConfig) {
      warn('No training configuration found in the save file, so the model was *not* compiled. Compile it manually.');
    } else {
      model.compile(compileArgsFrom(file.trainingConfig));
      if (file.optimizerWeights) restoreOptimizerState(model, file.optimizerWeights, warn, 'keras2');
    }
  }
  return model;
}

export async function saveH5Weights(model: Model, path: string, options: SaveOptions = {}): Promise<void> {
  checkOverwrite(path, options.overwrite);
  await writeFileAtomic(path, await writeHdf5(keras2WeightsFileTree(collectLayerWeights(model))));
}

export async function loadH5Weights(model: Model, path: string, options: LoadWeightsOptions = {}): Promise<void> {
  const root = await readHdf5(await readFileBytes(path), { source: path });
  if (isKeras3WeightsTree(root)) {
    assignKeras3Vars(model, readVarsEntries(root, path), { source: path, skipMismatch: options.skipMismatch, warn: warnOf(options) });
    return;
  }
  const { layers } = readKeras2WeightsFile(root, path);
  assignLayerWeights(model, layers, { byName: options.byName, skipMismatch: options.skipMismatch, source: path, warn: warnOf(options) });
}

export const h5ModelFormat: ModelFormat = {
  name: 'keras-h5',
  canSave: (p) => isH5Path(p) && !isKeras3WeightsPath(p),
  canLoad: (p) => isH5Path(p),
  save: saveH5Model,
  load: loadH5Model,
};

export const h5WeightsFormat: WeightsFormat = {
  name: 'keras-h5-weights',
  canSave: (p) => isH5Path(p) && !isKeras3WeightsPath(p),
  canLoad: (p) => isH5Path(p),
  saveWeights: saveH5Weights,
  loadWeights: loadH5Weights,
};
