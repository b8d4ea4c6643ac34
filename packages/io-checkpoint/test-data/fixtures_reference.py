"""Reference facts of the TensorFlow checkpoints in shared/fixtures/tf-checkpoint, as TensorFlow reads them.

Run: .venv/bin/python packages/io-checkpoint/test-data/fixtures_reference.py > packages/io-checkpoint/test-data/fixtures-reference.json
"""
import hashlib
import json
import os
import sys

import numpy as np
import tensorflow as tf

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'fixtures', 'tf-checkpoint')
PREFIXES = [
    'dynamic-system-rnns/16LSTM_Neurons10Epochs.ckpt',
    'dynamic-system-rnns/30LSTM_Neurons5Epochs.ckpt',
    'gurobi/diabetes_keras/variables/variables',
    'gurobi/diabetes_keras_v2/variables/variables',
    'lstm-predict-md/ckpt_20',
    'tfjs-node/int64_multiply/variables/variables',
    'tfjs-node/model_multi_output/variables/variables',
    'tfjs-node/model_single_input_multi_output/variables/variables',
    'tfjs-node/module_with_multiple_signatures/variables/variables',
    'tfjs-node/times_three_float/variables/variables',
    'tfjs-node/times_two_int/variables/variables',
    'tfjs-node/uint8_multiply/variables/variables',
]

out = {}
for prefix in PREFIXES:
    reader = tf.train.load_checkpoint(os.path.join(ROOT, prefix))
    dtypes = reader.get_variable_to_dtype_map()
    entries = {}
    for name, shape in sorted(reader.get_variable_to_shape_map().items()):
        value = reader.get_tensor(name)
        entry = {'dtype': dtypes[name].name, 'shape': list(shape)}
        if dtypes[name] == tf.string:
            items = [value] if np.ndim(value) == 0 else list(np.ravel(value))
            entry['sha256'] = [hashlib.sha256(bytes(v)).hexdigest() for v in items]
        else:
            flat = np.ravel(value).astype(np.float64)
            entry['sum'] = float(flat.sum())
            entry['abs_sum'] = float(np.abs(flat).sum())
            entry['head'] = [float(x) for x in flat[:4]]
        entries[name] = entry
    out[prefix] = entries
json.dump(out, sys.stdout, indent=1, sort_keys=True)
