/**
 * @keras-ts/models: `Input`, the functional `Model`, `Sequential`, subclassed models, and the trainer
 * (`compile`/`fit`/`evaluate`/`predict`), model configs (JSON/YAML) and the file-format registry.
 */
import { registerLayer } from '@keras-ts/layers';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

registerLayer(Model, 'Functional');
registerLayer(Sequential);

export { Model, Sequential };
export type { ModelArgs } from './model.js';
export { Input } from '@keras-ts/layers';
export { FunctionalGraph } from './functional/graph.js';
export type { CompileArgs, CompiledState } from './trainer/compile.js';
export type { FitArgs, EvaluateArgs, PredictArgs, ModelData, DatasetLike } from './trainer/types.js';
export { summary } from './summary.js';
export type { SummaryArgs } from './summary.js';
export { registerModelFormat, registerWeightsFormat, registeredFormats, loadModel } from './saving/formats.js';
export type { ModelFormat, WeightsFormat, SaveOptions, LoadWeightsOptions, LoadModelOptions } from './saving/formats.js';
export { toJson, toYaml, modelFromJson, modelFromYaml, modelFromConfig, modelConfig, KERAS_VERSION } from './saving/json.js';
export type { FromConfigOptions } from './saving/json.js';
