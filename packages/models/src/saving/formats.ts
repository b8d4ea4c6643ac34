/**
 * File formats plug in here by suffix, so that the models package does not depend on them: the io packages
 * (`@keras-ts/io-hdf5`, `@keras-ts/io-checkpoint`) register handlers, and `model.save`/`saveWeights`/
 * `loadWeights`/`loadModel` pick the first handler that accepts the path.
 */
import { NotFoundError, ready } from '@keras-ts/tensor';
import type { CustomObjects } from '@keras-ts/layers';
import type { Model } from '../model.js';

export interface SaveOptions {
  overwrite?: boolean;
  includeOptimizer?: boolean;
  [k: string]: unknown;
}
export interface LoadWeightsOptions {
  byName?: boolean;
  skipMismatch?: boolean;
  [k: string]: unknown;
}
export interface LoadModelOptions {
  customObjects?: CustomObjects;
  compile?: boolean;
  /** Refuse files that would run code (Lambda layers). Default true. */
  safeMode?: boolean;
  [k: string]: unknown;
}

export interface ModelFormat {
  name: string;
  canSave(path: string): boolean;
  canLoad(path: string): boolean | Promise<boolean>;
  save(model: Model, path: string, options: SaveOptions): Promise<void>;
  load(path: string, options: LoadModelOptions): Promise<Model>;
}
export interface WeightsFormat {
  name: string;
  canSave(path: string): boolean;
  canLoad(path: string): boolean | Promise<boolean>;
  saveWeights(model: Model, path: string, options: SaveOptions): Promise<void>;
  loadWeights(model: Model, path: string, options: LoadWeightsOptions): Promise<void>;
}

const modelFormats: ModelFormat[] = [];
const weightsFormats: WeightsFormat[] = [];

/** Registers a whole-model format (later registrations take precedence). */
export function registerModelFormat(format: ModelFormat): void {
  const i = modelFormats.findIndex((f) => f.name === format.name);
  if (i >= 0) modelFormats.splice(i, 1);
  modelFormats.unshift(format);
}
/** Registers a weights format (later registrations take precedence). */
export function registerWeightsFormat(format: WeightsFormat): void {
  const i = weightsFormats.findIndex((f) => f.name === format.name);
  if (i >= 0) weightsFormats.splice(i, 1);
  weightsFormats.unshift(format);
}
export function registeredFormats(): { models: string[]; weights: string[] } {
  return { models: modelFormats.map((f) => f.name), weights: weightsFormats.map((f) => f.name) };
}

const HINT = "import 'keras-ts' (or '@keras-ts/io-hdf5' for .h5/.keras, '@keras-ts/io-checkpoint' for TensorFlow checkpoints) to register the file formats";

export async function saveModel(model: Model, path: string, options: SaveOptions): Promise<void> {
  await ready();
  const f = modelFormats.find((x) => x.canSave(path));
  if (!f) throw new NotFoundError(`No format can save a model to "${path}" (registered: ${modelFormats.map((x) => x.name).join(', ') || 'none'}); ${HINT}.`);
  await f.save(model, path, options);
}
export async function saveWeights(model: Model, path: string, options: SaveOptions): Promise<void> {
  await ready();
  const f = weightsFormats.find((x) => x.canSave(path));
  if (!f) throw new NotFoundError(`No format can save weights to "${path}" (registered: ${weightsFormats.map((x) => x.name).join(', ') || 'none'}); ${HINT}.`);
  await f.saveWeights(model, path, options);
}
export async function loadWeights(model: Model, path: string, options: LoadWeightsOptions): Promise<void> {
  await ready();
  for (const f of weightsFormats) {
    if (await f.canLoad(path)) return f.loadWeights(model, path, options);
  }
  throw new NotFoundError(`No format can load weights from "${path}" (registered: ${weightsFormats.map((x) => x.name).join(', ') || 'none'}); ${HINT}.`);
}
/** `keras.models.loadModel(path)`. */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<Model> {
  await ready();
  for (const f of modelFormats) {
    if (await f.canLoad(path)) return f.load(path, options);
  }
  throw new NotFoundError(`No format can load a model from "${path}" (registered: ${modelFormats.map((x) => x.name).join(', ') || 'none'}); ${HINT}.`);
}
