"""Reference for io-hdf5's fixture tests: what h5py reads from every Keras HDF5 fixture.

For each file under ../shared/fixtures/keras-h5 (except DL4J's *_inputs_and_outputs.h5 companions) it records
keras_version, whether model_config is present, and per layer (in layer_names order) each weight's name, shape,
dtype and the SHA-256 of its raw little-endian bytes; the same for optimizer_weights. Run:
  .venv/bin/python packages/io-hdf5/test-data/make_fixture_weights.py > packages/io-hdf5/test-data/fixture-weights.json
"""
import hashlib, json, os, sys
import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'fixtures', 'keras-h5')


def strs(v):
    return [x.decode('utf8') if isinstance(x, bytes) else str(x) for x in np.atleast_1d(v)] if len(np.atleast_1d(v)) else []


def load_list(g, name):
    if name in g.attrs:
        return strs(g.attrs[name])
    out, i = [], 0
    while f'{name}{i}' in g.attrs:
        out += strs(g.attrs[f'{name}{i}'])
        i += 1
    return out


def weight(ds, name):
    a = np.asarray(ds[()])
    return {'name': name, 'shape': list(a.shape), 'dtype': str(a.dtype),
            'sha256': hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()}


def describe(path):
    f = h5py.File(path, 'r')
    kv = f.attrs.get('keras_version')
    kv = kv.decode() if isinstance(kv, bytes) else kv
    mw = f['model_weights'] if 'model_weights' in f else f
    if kv is None:
        kv = mw.attrs.get('keras_version')
        kv = kv.decode() if isinstance(kv, bytes) else kv
    layers = []
    for ln in load_list(mw, 'layer_names'):
        g = mw[ln]
        layers.append({'layer': ln, 'weights': [weight(g[wn], wn) for wn in load_list(g, 'weight_names')]})
    opt = None
    if 'optimizer_weights' in f:
        og = f['optimizer_weights']
        opt = [weight(og[wn], wn) for wn in load_list(og, 'weight_names')]
    return {'keras_version': kv, 'has_model_config': 'model_config' in f.attrs, 'layers': layers, 'optimizer_weights': opt}


out = {}
for dirpath, _, files in os.walk(ROOT):
    for fn in sorted(files):
        if not (fn.endswith('.h5') or fn.endswith('.hdf5')) or fn.endswith('_inputs_and_outputs.h5'):
            continue
        p = os.path.join(dirpath, fn)
        out[os.path.relpath(p, ROOT)] = describe(p)
json.dump(dict(sorted(out.items())), sys.stdout, indent=1)
