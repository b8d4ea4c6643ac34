"""Writes test-data/sliced/: a tf.train.Checkpoint whose tensors TensorFlow's MaxShardSizePolicy split into
slices across 9+ shards. Values are arange(n) in each tensor's dtype (test: sliced-fixture in bundle.test.ts).

Run: .venv/bin/python packages/io-checkpoint/test-data/make_sliced.py
"""
import os

import numpy as np
import tensorflow as tf

out = os.path.join(os.path.dirname(__file__), 'sliced')
os.makedirs(out, exist_ok=True)
m = tf.Module()
m.a = tf.Variable(np.arange(30 * 5, dtype=np.float32).reshape(30, 5))
m.b = tf.Variable(np.arange(70, dtype=np.int64))
m.c = tf.Variable(np.arange(2 * 3 * 40, dtype=np.float64).reshape(2, 3, 40))
options = tf.train.CheckpointOptions(
    experimental_sharding_callback=tf.train.experimental.MaxShardSizePolicy(max_shard_size=200))
tf.train.Checkpoint(m=m).write(os.path.join(out, 'ckpt'), options=options)
