"""Live cross-checks with real TensorFlow, driven by src/tf-interop.test.ts.

Jobs (one Python process runs them all):
  read     every tensor of a checkpoint, as tf.train.load_checkpoint reads it
  state    tf.train.latest_checkpoint and get_checkpoint_state of a directory (`prefix`)
  restore  builds Python objects matching `spec` (zeros), restores the checkpoint into them by object with
           tf.train.Checkpoint (assert_consumed), dumps their values
  write    builds the same objects with random values and writes them with tf.train.Checkpoint over
           `shards` shards (whole tensors), or with MaxShardSizePolicy(`maxShardSize`) (tensors sliced
           across shards); dumps the values

`spec`: {"variables": [{"path": [...], "shape": [...], "dtype": "float32"}],
                 "slots": [{"path": [...], "slot": "m"}], "optimizer": "optimizer"}.
`mode` "root": the model is the checkpoint's root (model.save_weights); "checkpoint": tf.train.Checkpoint(
model=..., optimizer=...) with a save_counter.
"""
import json
import sys

import numpy as np
import tensorflow as tf


def dump(value, dtype):
    arr = np.asarray(value)
    if dtype == tf.string:
        return [bytes(x).hex() for x in np.ravel(arr)]
    if dtype == tf.int64:
        return [str(int(x)) for x in np.ravel(arr)]
    if dtype == tf.bool:
        return [str(int(bool(x))) for x in np.ravel(arr)]
    return [repr(float(x)) for x in np.ravel(arr).astype(np.float64)]


def read(prefix):
    reader = tf.train.load_checkpoint(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    out = {}
    for name, shape in reader.get_variable_to_shape_map().items():
        out[name] = {'dtype': dtypes[name].name, 'shape': list(shape), 'values': dump(reader.get_tensor(name), dtypes[name])}
    return out


class Node(tf.Module):
    pass


class SlotOptimizer(tf.Module):
    """Just enough of an optimizer for TensorFlow's slot-variable save and restore."""

    def __init__(self):
        super().__init__()
        self.__dict__['_slot_map'] = {}

    def add_slot(self, var, name, slot):
        self.__dict__['_slot_map'][(id(var), name)] = slot

    def get_slot_names(self):
        return sorted({name for (_, name) in self.__dict__['_slot_map']})

    def get_slot(self, var, name):
        return self.__dict__['_slot_map'].get((id(var), name))

    def _create_or_restore_slot_variable(self, slot_variable_position, slot_name, variable, slot_variable_shape=None):
        return self.get_slot(variable, slot_name)


def build(spec, rng):
    model = Node()
    opt = SlotOptimizer()
    variables = {}
    def child(parent, name):
        existing = parent.__dict__.get(name)
        if existing is None:
            existing = Node()
            setattr(parent, name, existing)
        return existing
    for v in spec['variables']:
        path = v['path']
        owner = model if path[0] != spec['optimizer'] else opt
        rest = path if owner is model else path[1:]
        for seg in rest[:-1]:
            owner = child(owner, seg)
        dtype = tf.as_dtype(v['dtype'])
        if rng is None:
            init = np.zeros(v['shape'], dtype=dtype.as_numpy_dtype)
        elif dtype.is_integer:
            init = rng.integers(0, 1000, size=v['shape']).astype(dtype.as_numpy_dtype)
        else:
            init = rng.standard_normal(v['shape']).astype(dtype.as_numpy_dtype)
        var = tf.Variable(init, dtype=dtype)
        setattr(owner, rest[-1], var)
        variables['/'.join(path)] = var
    for s in spec['slots']:
        original = variables['/'.join(s['path'])]
        init = np.zeros(original.shape, np.float32) if rng is None else rng.standard_normal(original.shape).astype(np.float32)
        slot = tf.Variable(init)
        opt.add_slot(original, s['slot'], slot)
        variables['/'.join(s['path']) + '#' + s['slot']] = slot
    return model, opt, variables


def checkpoint(model, opt, mode):
    if mode == 'root':
        setattr(model, 'optimizer', opt)
        return tf.train.Checkpoint(root=model)
    return tf.train.Checkpoint(model=model, optimizer=opt)


def values(variables, ckpt, mode):
    out = {k: dump(v.numpy(), v.dtype) for k, v in variables.items()}
    if mode == 'checkpoint':
        out['save_counter'] = dump(ckpt.save_counter.numpy(), tf.int64)
    return out


class RoundRobinShards(tf.train.experimental.ShardingCallback):
    """Whole tensors dealt round-robin over `n` shards (TensorFlow's MaxShardSizePolicy would slice them)."""

    def __init__(self, n):
        self.n = n

    @property
    def description(self):
        return f'round robin over {self.n} shards'

    def __call__(self, shardable_tensors):
        shards = [{} for _ in range(self.n)]
        for i, t in enumerate(shardable_tensors):
            shards[i % self.n].setdefault(t.checkpoint_key, {})[t.slice_spec] = t.tensor
        return [s for s in shards if s]


def run(job):
    cmd, prefix = job['cmd'], job['prefix']
    if cmd == 'read':
        return read(prefix)
    if cmd == 'state':
        state = tf.train.get_checkpoint_state(prefix)
        return {'latest': tf.train.latest_checkpoint(prefix), 'all': list(state.all_model_checkpoint_paths)}
    spec, mode = json.loads(job['spec']), job['mode']
    if cmd == 'restore':
        model, opt, variables = build(spec, None)
        ckpt = checkpoint(model, opt, mode)
        status = ckpt.read(prefix) if mode == 'root' else ckpt.restore(prefix)
        status.assert_consumed()
        return values(variables, ckpt, mode)
    if cmd == 'write':
        model, opt, variables = build(spec, np.random.default_rng(7))
        ckpt = checkpoint(model, opt, mode)
        if mode == 'checkpoint':
            ckpt.save_counter.assign_add(3)
        if job.get('maxShardSize'):
            policy = tf.train.experimental.MaxShardSizePolicy(max_shard_size=job['maxShardSize'])
        else:
            policy = RoundRobinShards(job['shards'])
        options = tf.train.CheckpointOptions(experimental_sharding_callback=policy)
        ckpt.write(prefix, options=options)
        return values(variables, ckpt, mode)
    raise ValueError(cmd)


def main():
    """argv[1]: a JSON file with a list of jobs {cmd, prefix, spec?, mode?, shards?}; prints the list of results."""
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    results = []
    for job in jobs:
        try:
            results.append({'ok': run(job)})
        except Exception as e:  # reported to the test, which fails with it
            results.append({'error': f'{type(e).__name__}: {e}'})
    print(json.dumps(results))


if __name__ == '__main__':
    main()
