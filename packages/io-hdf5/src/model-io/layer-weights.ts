/**
 * A model's weights per layer, in the order and with the names Keras 2's HDF5 files use
 * (`_legacy_weights`: a layer's trainable weights, then its non-trainable ones; names 'dense/kernel:0'), and
 * loading them back: by topological order (layers with weights, in `model.layers` order) or `byName`, with
 * Keras's checks and error messages, and `skipMismatch`.
 */
import type * as tf from '@keras-ts/tensor';
import { ValueError, variableInfo } from '@keras-ts/tensor';
import type { Layer } from '@keras-ts/layers';
import type { Model } from '@keras-ts/models';
import type { LayerWeights, WeightValue } from '../weight-values.js';
import { assignAll, sameShape, weightValueOf } from './tensors.js';

/** Keras 2's `_legacy_weights(layer)`. */
export function legacyWeights(layer: Layer): tf.Variable[] {
  const seen = new Set<tf.Variable>();
  return [...layer.trainableWeights, ...layer.nonTrainableWeights].filter((v) => !seen.has(v) && seen.add(v));
}

/** The Keras 2 name of a variable: its Keras path plus ':0'. */
export function keras2WeightName(v: tf.Variable): string {
  const p = variableInfo(v).path;
  return p.endsWith(':0') ? p : `${p}:0`;
}

/** Every layer of `model` with its weights' current values (layers without weights included, as Keras does). */
export function collectLayerWeights(model: Model): LayerWeights[] {
  return model.layers.map((layer) => ({ layerName: layer.name, weights: legacyWeights(layer).map((v) => weightValueOf(v, keras2WeightName(v))) }));
}

export interface AssignOptions {
  byName?: boolean;
  skipMismatch?: boolean;
  /** The file, for messages. */
  source?: string;
  /** Where warnings go (default console.warn). */
  warn?: (message: string) => void;
}

function shapeStr(s: readonly number[]): string {
  return `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
}

/** Loads `fileLayers` into `model` like Keras 2's `load_weights_from_hdf5_group[_by_name]`. */
export function assignLayerWeights(model: Model, fileLayers: LayerWeights[], options: AssignOptions = {}): void {
  const { byName = false, skipMismatch = false, source = 'the file' } = options;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  if (skipMismatch && !byName) {
    throw new ValueError('When calling model.loadWeights, skipMismatch can only be set to true when byName is true.');
  }
  const saved = fileLayers.filter((l) => l.weights.length > 0);
  const pairs: Array<[tf.Variable, WeightValue, string]> = [];
  if (!byName) {
    const layers = model.layers.filter((l) => legacyWeights(l).length > 0);
    if (layers.length !== saved.length) {
      throw new ValueError(
        `Layer count mismatch when loading weights from file. Model expected ${layers.length} layers, found ${saved.length} saved layers ` +
          `(model: ${layers.map((l) => l.name).join(', ') || 'none'}; ${source}: ${saved.map((l) => l.layerName).join(', ') || 'none'}).`,
      );
    }
    layers.forEach((layer, k) => {
      const vars = legacyWeights(layer);
      const values = saved[k]!.weights;
      if (vars.length !== values.length) {
        throw new ValueError(
          `Weight count mismatch for layer #${k} (named ${layer.name} in the current model, ${saved[k]!.layerName} in the save file). ` +
            `Layer expects ${vars.length} weight(s). Received ${values.length} saved weight(s)`,
        );
      }
      vars.forEach((v, i) => {
        if (!sameShape(v.shape, values[i]!.shape)) {
          throw new ValueError(
            `Shape mismatch in layer #${k} (named ${layer.name}) for weight ${keras2WeightName(v)}. Weight expects shape ${shapeStr(v.shape)}. ` +
              `Received saved weight with shape ${shapeStr(values[i]!.shape)}`,
          );
        }
        pairs.push([v, values[i]!, `layer "${layer.name}"`]);
      });
    });
  } else {
    const index = new Map<string, Layer[]>();
    for (const l of model.layers) index.set(l.name, [...(index.get(l.name) ?? []), l]);
    saved.forEach((entry, k) => {
      for (const layer of index.get(entry.layerName) ?? []) {
        const vars = legacyWeights(layer);
        if (vars.length !== entry.weights.length) {
          const msg =
            `Weight count mismatch for layer #${k} (named ${layer.name}). Layer expects ${vars.length} weight(s). Received ${entry.weights.length} saved weight(s)`;
          if (skipMismatch) {
            warn(`Skipping loading of weights for layer #${k} (named ${layer.name}) due to mismatch in number of weights. ${msg}`);
            continue;
          }
          throw new ValueError(msg);
        }
        vars.forEach((v, i) => {
          const w = entry.weights[i]!;
          if (!sameShape(v.shape, w.shape)) {
            const msg = `Shape mismatch in layer #${k} (named ${layer.name}) for weight ${keras2WeightName(v)}. Weight expects shape ${shapeStr(v.shape)}. Received saved weight with shape ${shapeStr(w.shape)}`;
            if (skipMismatch) {
              warn(`Skipping loading weights for layer #${k} (named ${layer.name}) due to mismatch in shape for weight ${keras2WeightName(v)}. ${msg}`);
              return;
            }
            throw new ValueError(msg);
          }
          pairs.push([v, w, `layer "${layer.name}"`]);
        });
      }
    });
  }
  assignAll(pairs);
}
