"""Keras 3 references for normalization layers the Keras 2.1.2 fixtures lack (LayerNormalization,
GroupNormalization, UnitNormalization; BatchNormalization in training mode and on other axes), and TensorFlow's
fused batch-norm kernel for the moving-statistics update tf.keras 2 performs (`fused_bn.json`).

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/normalization/make_normalization.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv"))
from refgen import RefWriter, arr, keras  # noqa: E402
import numpy as np  # noqa: E402

L = keras.layers
w = RefWriter("normalization")
c = w.case

c("BatchNormalization.channels_first", "BatchNormalization axis 1 on images (inference)", [(3, 4, 2)], [("n", L.BatchNormalization(axis=1), ["in_0"])])
c("BatchNormalization.training_2d", "BatchNormalization training mode, rank 2", [(5,)], [("n", L.BatchNormalization(), ["in_0"])], training=True, batch=4)
c("BatchNormalization.training_4d", "BatchNormalization training mode, images", [(3, 2, 3)], [("n", L.BatchNormalization(epsilon=0.01), ["in_0"])], training=True)
c("BatchNormalization.no_center_scale", "BatchNormalization center=False scale=False axis -2", [(4, 3)], [("n", L.BatchNormalization(axis=-2, center=False, scale=False), ["in_0"])])
c("LayerNormalization.default", "LayerNormalization last axis", [(3, 6)], [("n", L.LayerNormalization(), ["in_0"])])
c("LayerNormalization.axes", "LayerNormalization axes (1, 2)", [(3, 4, 2)], [("n", L.LayerNormalization(axis=[1, 2], epsilon=1e-5), ["in_0"])])
c("LayerNormalization.no_center", "LayerNormalization center=False", [(5,)], [("n", L.LayerNormalization(center=False), ["in_0"])])
c("LayerNormalization.no_scale", "LayerNormalization scale=False axis 1", [(4, 3)], [("n", L.LayerNormalization(axis=1, scale=False), ["in_0"])])
c("LayerNormalization.rms", "LayerNormalization rms_scaling", [(3, 6)], [("n", L.LayerNormalization(rms_scaling=True), ["in_0"])])
c("GroupNormalization.groups2", "GroupNormalization 2 groups on images", [(3, 3, 4)], [("n", L.GroupNormalization(groups=2), ["in_0"])])
c("GroupNormalization.channels_first", "GroupNormalization 3 groups axis 1", [(6, 4)], [("n", L.GroupNormalization(groups=3, axis=1, epsilon=1e-5), ["in_0"])])
c("GroupNormalization.instance", "GroupNormalization groups = channels (instance norm), no center", [(5, 3)], [("n", L.GroupNormalization(groups=3, center=False), ["in_0"])])
c("UnitNormalization.default", "UnitNormalization last axis", [(3, 4)], [("n", L.UnitNormalization(), ["in_0"])])
c("UnitNormalization.axes", "UnitNormalization axes (1, 2)", [(3, 4)], [("n", L.UnitNormalization(axis=[1, 2]), ["in_0"])])

outdir = os.path.dirname(os.path.abspath(__file__))
w.write(outdir)

# tf.keras 2 takes TF's fused kernel for rank-4 inputs normalized on the channel axis; its moving variance update
# uses the Bessel-corrected batch variance. Record what the kernel computes.
import tensorflow as tf  # noqa: E402

rng = np.random.RandomState(7)
x = rng.uniform(-2, 2, (2, 3, 4, 3)).astype("float32")
gamma = rng.uniform(0.5, 1.5, 3).astype("float32")
beta = rng.uniform(-1, 1, 3).astype("float32")
mm = rng.uniform(-1, 1, 3).astype("float32")
mv = rng.uniform(0.5, 1.5, 3).astype("float32")
momentum, eps = 0.9, 1e-3
y, new_mean, new_var = tf.compat.v1.nn.fused_batch_norm(x, gamma, beta, mean=mm, variance=mv, epsilon=eps, is_training=True, exponential_avg_factor=1 - momentum)
with open(os.path.join(outdir, "fused_bn.json"), "w") as f:
    json.dump({
        "_meta": {"producer": "make_normalization.py", "tensorflow_version": tf.__version__, "op": "tf.compat.v1.nn.fused_batch_norm(is_training=True, exponential_avg_factor=1-momentum)"},
        "momentum": momentum, "epsilon": eps,
        "input": arr(x), "gamma": arr(gamma), "beta": arr(beta), "moving_mean": arr(mm), "moving_variance": arr(mv),
        "output": arr(y.numpy()), "new_moving_mean": arr(new_mean.numpy()), "new_moving_variance": arr(new_var.numpy()),
    }, f)
print("wrote fused_bn.json")
