/**
 * Keras 2's HDF5 weights layout, read and written as plain data: a group with attributes `layer_names`,
 * `backend`, `keras_version`; one subgroup per layer with attribute `weight_names`; each weight a dataset at
 * `<layer>/<weight name>` (so 'dense/kernel:0' lives at `dense/dense/kernel:0`, and a nested model's weights
 * at `<model>/<inner layer>/<weight>`). This is the content of a `save_weights('x.h5')` file and of the
 * `model_weights` group of a `model.save('x.h5')` file.
 */
import { FileFormatError } from '@keras-ts/tensor';
import { DTYPES, ensureGroup, group, lookup, stringAttr, type H5Attribute, type H5Group, type H5Node } from '../h5/tree.js';
import { h5DtypeOf, weightFromDataset, type LayerWeights } from '../weight-values.js';
import { readString, readStringList, stringListAttrs } from './attributes.js';
import { KERAS2_BACKEND, KERAS2_FORMAT_VERSION, assertNotKeras1 } from './version.js';

export interface Keras2Weights {
  kerasVersion?: string;
  backend?: string;
  layers: LayerWeights[];
}

/** Reads the layers' weights of a Keras 2 weights group (`where` names it in errors, e.g. '/model_weights'). */
export function readKeras2Weights(g: H5Group, where: string, source?: string, fallbackVersion?: string): Keras2Weights {
  const kerasVersion = readString(g, 'keras_version', where, source) ?? fallbackVersion;
  const backend = readString(g, 'backend', where, source);
  const layerNames = readStringList(g, 'layer_names', where, source);
  if (layerNames === undefined) {
    throw new FileFormatError(`${where} has no "layer_names" attribute: this is not a Keras weights file (Keras 3 ".weights.h5" files need the ".weights.h5" suffix)`, source);
  }
  assertNotKeras1(kerasVersion, source);
  const layers: LayerWeights[] = layerNames.map((layerName) => {
    const lg = lookup(g, layerName);
    const lwhere = `layer "${layerName}" (${where}/${layerName})`;
    if (!lg || lg.type !== 'group') throw new FileFormatError(`${where} lists layer "${layerName}" but has no group for it`, source);
    const names = readStringList(lg, 'weight_names', lwhere, source);
    if (names === undefined) throw new FileFormatError(`${lwhere} has no "weight_names" attribute`, source);
    const weights = names.map((name) => {
      const ds = lookup(lg, name);
      if (!ds || ds.type !== 'dataset') throw new FileFormatError(`${lwhere} lists weight "${name}" but has no dataset for it`, source);
      return weightFromDataset(ds, name, lwhere, source);
    });
    return { layerName, weights };
  });
  return { kerasVersion, backend, layers };
}

export interface Keras2WeightsWriteOptions {
  kerasVersion?: string;
  backend?: string;
}

/** The attributes and children of a Keras 2 weights group holding `layers`. */
export function keras2WeightsContent(layers: LayerWeights[], options: Keras2WeightsWriteOptions = {}): { attrs: H5Attribute[]; children: H5Node[] } {
  const attrs = [
    ...stringListAttrs('layer_names', layers.map((l) => l.layerName)),
    stringAttr('backend', options.backend ?? KERAS2_BACKEND, DTYPES.vlenAscii),
    stringAttr('keras_version', options.kerasVersion ?? KERAS2_FORMAT_VERSION, DTYPES.vlenAscii),
  ];
  const holder = group('');
  const seen = new Set<string>();
  for (const layer of layers) {
    if (seen.has(layer.layerName)) throw new FileFormatError(`two layers are named "${layer.layerName}"; layer names must be unique to save weights`);
    seen.add(layer.layerName);
    const lg = group(layer.layerName, stringListAttrs('weight_names', layer.weights.map((w) => w.name)));
    holder.children.push(lg);
    const names = new Set<string>();
    for (const w of layer.weights) {
      if (names.has(w.name)) throw new FileFormatError(`layer "${layer.layerName}" has two weights named "${w.name}"`);
      names.add(w.name);
      const cut = w.name.lastIndexOf('/');
      const parent = cut < 0 ? lg : ensureGroup(lg, w.name.slice(0, cut));
      parent.children.push({ type: 'dataset', name: w.name.slice(cut + 1), dtype: h5DtypeOf(w.dtype), shape: [...w.shape], data: w.data, attrs: [] });
    }
  }
  return { attrs, children: holder.children };
}
