/**
 * Keras 3 files through the models registry: `model.save('x.keras')` / `loadModel('x.keras')` (zip of
 * config.json, metadata.json, model.weights.h5) and `saveWeights('x.weights.h5')` in Keras 3's weights layout
 * (loading a `.weights.h5` written by tf.keras 2 also works: the layout is recognized by content).
 */
import { modelFromConfig, type LoadModelOptions, type LoadWeightsOptions, type Model, type ModelFormat, type SaveOptions, type WeightsFormat } from '@keras-ts/models';
import { readFileBytes, writeFileAtomic } from '../fs/atomic-write.js';
import { writeHdf5 } from '../h5/engine.js';
import { readKeras3Archive, writeKeras3Archive } from '../keras3/model-archive.js';
import { varsTree } from '../keras3/weights-layout.js';
import { assignKeras3Vars, keras3ModelVars } from '../model-io/keras3-state.js';
import { keras3OptimizerVars, restoreOptimizerState } from '../model-io/optimizer-state.js';
import { keras3ModelConfig } from '../model-io/keras3-config.js';
import { compileArgsFrom } from '../model-io/training-config.js';
import { checkOverwrite, isKeras3WeightsPath, isKerasArchivePath, warnOf } from './common.js';
import { loadH5Weights } from './h5-format.js';

function stateEntries(model: Model, includeOptimizer: boolean) {
  const entries = keras3ModelVars(model);
  const opt = model.optimizer;
  if (includeOptimizer && opt) entries.push({ path: 'optimizer', name: opt.name, vars: keras3OptimizerVars(opt) });
  return entries;
}

export async function saveKerasModel(model: Model, path: string, options: SaveOptions = {}): Promise<void> {
  checkOverwrite(path, options.overwrite);
  const bytes = await writeKeras3Archive({ config: keras3ModelConfig(model), vars: stateEntries(model, options.includeOptimizer !== false) });
  await writeFileAtomic(path, bytes);
}

export async function loadKerasModel(path: string, options: LoadModelOptions = {}): Promise<Model> {
  const archive = await readKeras3Archive(await readFileBytes(path), { source: path });
  const model = modelFromConfig(archive.config, { customObjects: options.customObjects, safeMode: options.safeMode });
  assignKeras3Vars(model, archive.vars, { source: path });
  const compileConfig = archive.config.compile_config as Record<string, unknown> | undefined | null;
  if (options.compile !== false && compileConfig) {
    model.compile(compileArgsFrom(compileConfig));
    const opt = archive.vars.get('optimizer');
    if (opt && opt.vars.length > 0) restoreOptimizerState(model, opt.vars, warnOf(options), 'keras3');
  }
  return model;
}

export async function saveKeras3Weights(model: Model, path: string, options: SaveOptions = {}): Promise<void> {
  checkOverwrite(path, options.overwrite);
  await writeFileAtomic(path, await writeHdf5(varsTree(stateEntries(model, false))));
}

export const kerasModelFormat: ModelFormat = {
  name: 'keras-v3',
  canSave: isKerasArchivePath,
  canLoad: isKerasArchivePath,
  save: saveKerasModel,
  load: loadKerasModel,
};

export const keras3WeightsFormat: WeightsFormat = {
  name: 'keras-v3-weights',
  canSave: isKeras3WeightsPath,
  canLoad: isKeras3WeightsPath,
  saveWeights: saveKeras3Weights,
  loadWeights: (model: Model, path: string, options: LoadWeightsOptions) => loadH5Weights(model, path, options),
};
