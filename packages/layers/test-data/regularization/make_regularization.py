"""Keras 3 references for the regularization layers at inference (identity): their Keras 3 configs load and
they pass values (and masks) through. Run: KERAS_BACKEND=jax /work/main/.venv/bin/python make_regularization.py"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recurrent"))
from k3cases import CaseWriter, keras  # noqa: E402

L = keras.layers
w = CaseWriter("regularization", seed=9)
x3 = w.floats((2, 4, 3))
x4 = w.floats((2, 3, 4, 2))
x5 = w.floats((2, 2, 3, 2, 2))
for name, layer, x in (("SpatialDropout1D", L.SpatialDropout1D(0.4), x3), ("SpatialDropout2D", L.SpatialDropout2D(0.4, data_format="channels_first"), x4),
                       ("SpatialDropout3D", L.SpatialDropout3D(0.3), x5), ("GaussianDropout", L.GaussianDropout(0.3), x3),
                       ("GaussianNoise", L.GaussianNoise(0.2), x3), ("AlphaDropout", L.AlphaDropout(0.2), x3),
                       ("ActivityRegularization", L.ActivityRegularization(l1=0.01, l2=0.02), x3)):
    w.add(f"{name}.inference", f"Dense(3) -> {name} (identity at inference)", [("in_0", x, "float32")],
          [("d", L.Dense(3), ["in_0"], {}), ("l1", layer, ["d"], {})], ["l1"])
ids = w.ids((2, 5), 6, [(0, (3, 5))])
w.add("SpatialDropout1D.mask", "Embedding(mask_zero) -> SpatialDropout1D -> LSTM(2) (mask passes through)", [("in_0", ids, "int32")],
      [("e", L.Embedding(6, 3, mask_zero=True), ["in_0"], {}), ("l1", L.SpatialDropout1D(0.5), ["e"], {}), ("l2", L.LSTM(2), ["l1"], {})], ["l2"])
w.write(os.path.dirname(os.path.abspath(__file__)))
