"""Keras 3 references for the activation layers' options the Keras 2.1.2 fixtures lack (ReLU options, PReLU
shared_axes, Softmax axes). Keras 3 has no ThresholdedReLU; the fixtures cover it.

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/activation-layers/make_activation-layers.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv"))
from refgen import RefWriter, keras  # noqa: E402

L = keras.layers
w = RefWriter("activation-layers")
c = w.case

c("ReLU.max6", "ReLU max_value 6", [(8,)], [("a", L.ReLU(max_value=6.0), ["in_0"])], input_fn=lambda r, s: r.uniform(-9, 9, s))
c("ReLU.all", "ReLU max_value 1.4 negative_slope 0.2 threshold 0.2", [(10,)], [("a", L.ReLU(max_value=1.4, negative_slope=0.2, threshold=0.2), ["in_0"])])
c("ReLU.slope", "ReLU negative_slope 0.5", [(6,)], [("a", L.ReLU(negative_slope=0.5), ["in_0"])])
c("ReLU.threshold", "ReLU threshold 0.5", [(6,)], [("a", L.ReLU(threshold=0.5), ["in_0"])])
c("ReLU.threshold_max6_slope", "ReLU threshold 1 max_value 6 negative_slope 0.1", [(8,)], [("a", L.ReLU(max_value=6.0, negative_slope=0.1, threshold=1.0), ["in_0"])], input_fn=lambda r, s: r.uniform(-9, 9, s))
c("LeakyReLU.default", "LeakyReLU default slope (0.3)", [(6,)], [("a", L.LeakyReLU(), ["in_0"])])
c("PReLU.shared", "PReLU shared_axes (1, 2) on images", [(3, 4, 2)], [("a", L.PReLU(shared_axes=[1, 2]), ["in_0"])])
c("PReLU.full", "PReLU per-element alpha", [(3, 2)], [("a", L.PReLU(), ["in_0"])])
c("ELU.alpha", "ELU alpha 0.7", [(6,)], [("a", L.ELU(alpha=0.7), ["in_0"])])
c("Softmax.axis1", "Softmax axis 1", [(3, 4)], [("a", L.Softmax(axis=1), ["in_0"])])
c("Softmax.axes", "Softmax over axes (1, 2)", [(3, 4)], [("a", L.Softmax(axis=(1, 2)), ["in_0"])])
c("Softmax.default", "Softmax default axis", [(2, 5)], [("a", L.Softmax(), ["in_0"])])

w.write(os.path.dirname(os.path.abspath(__file__)))
