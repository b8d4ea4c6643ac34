/**
 * Where each variable of a keras-ts model lives in Keras 3's weights layout: the model's layers at
 * `layers/<class name in snake_case, numbered>`, each layer's own variables in `vars`, its sublayers under
 * their Keras 3 attribute names (`cell`, `forward_layer`/`backward_layer`, `layer`, a nested model's
 * `layers/...`). The same walk serves saving and loading, so the two always agree.
 */
import type * as tf from '@keras-ts/tensor';
import { FileFormatError, ValueError } from '@keras-ts/tensor';
import type { Layer } from '@keras-ts/layers';
import { Model } from '@keras-ts/models';
import { containerNames } from '../keras3/weights-layout.js';
import type { VarsEntry } from '../keras3/weights-layout.js';
import { legacyWeights } from './layer-weights.js';
import { assignAll, sameShape, weightValueOf } from './tensors.js';

export interface SaveablePlace {
  path: string;
  name: string;
  variables: tf.Variable[];
}

function className(l: Layer): string {
  return (l.constructor as unknown as { className: string }).className;
}

/** The Keras 3 attribute names of a layer's sublayers. */
function subPaths(layer: Layer, subs: Layer[]): string[] {
  const cls = className(layer);
  if (cls === 'Bidirectional') return subs.map((_, i) => (i === 0 ? 'forward_layer' : i === 1 ? 'backward_layer' : `layer_${i}`));
  if (cls === 'TimeDistributed') return subs.map((_, i) => (i === 0 ? 'layer' : `layer_${i}`));
  if (subs.length === 1 && className(subs[0]!).endsWith('Cell')) return ['cell'];
  return containerNames(subs.map(className));
}

function visitLayer(layer: Layer, path: string, out: SaveablePlace[]): void {
  if (layer instanceof Model) {
    visitModel(layer, path, out);
    return;
  }
  const subs = layer.trackedLayers;
  const nested = new Set(subs.flatMap((s) => s.weights));
  out.push({ path, name: layer.name, variables: legacyWeights(layer).filter((v) => !nested.has(v)) });
  subPaths(layer, subs).forEach((p, i) => visitLayer(subs[i]!, `${path}/${p}`, out));
}

function visitModel(model: Model, path: string, out: SaveablePlace[]): void {
  out.push({ path, name: model.name, variables: [] });
  const layers = model.layers;
  containerNames(layers.map(className)).forEach((n, i) => visitLayer(layers[i]!, path === '' ? `layers/${n}` : `${path}/layers/${n}`, out));
}

/** Every saveable place of `model`, the model itself first (path ''). */
export function keras3Places(model: Model): SaveablePlace[] {
  const out: SaveablePlace[] = [];
  visitModel(model, '', out);
  return out;
}

export function keras3ModelVars(model: Model): VarsEntry[] {
  return keras3Places(model).map((p) => ({ path: p.path, name: p.name, vars: p.variables.map((v, i) => weightValueOf(v, String(i))) }));
}

/** Loads Keras 3 `vars` into the model; every place with variables must be in the file with matching shapes. */
export function assignKeras3Vars(model: Model, file: Map<string, VarsEntry>, options: { source?: string; skipMismatch?: boolean; warn?: (m: string) => void } = {}): void {
  const { source, skipMismatch = false } = options;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const pairs: Parameters<typeof assignAll>[0] = [];
  for (const place of keras3Places(model)) {
    if (place.variables.length === 0) continue;
    const entry = file.get(place.path);
    const problem = !entry
      ? `the file has no variables at "${place.path}/vars" for layer "${place.name}" (it has: ${[...file.keys()].filter((k) => file.get(k)!.vars.length > 0).slice(0, 12).join(', ')})`
      : entry.vars.length !== place.variables.length
        ? `layer "${place.name}" expects ${place.variables.length} variables, but "${place.path}/vars" holds ${entry.vars.length}`
        : place.variables.map((v, i) => (sameShape(v.shape, entry.vars[i]!.shape) ? '' : `variable ${i} of layer "${place.name}" has shape [${v.shape}], but "${place.path}/vars/${i}" has shape [${entry.vars[i]!.shape}]`)).find((m) => m) ?? '';
    if (problem) {
      if (skipMismatch) {
        warn(`Skipping loading weights: ${problem}`);
        continue;
      }
      throw entry ? new ValueError(`${source ? `${source}: ` : ''}${problem}`) : new FileFormatError(problem, source);
    }
    place.variables.forEach((v, i) => pairs.push([v, entry!.vars[i]!, `layer "${place.name}"`]));
  }
  assignAll(pairs);
}
