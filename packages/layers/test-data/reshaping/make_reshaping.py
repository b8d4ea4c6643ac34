"""Keras 3 references for the reshaping family options the Keras 2.1.2 fixtures lack (bilinear upsampling,
channels_first with a batch of 2).

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/reshaping/make_reshaping.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv"))
from refgen import RefWriter, keras  # noqa: E402

L = keras.layers
w = RefWriter("reshaping")
c = w.case

c("UpSampling2D.bilinear", "UpSampling2D bilinear (2,3)", [(3, 4, 2)], [("u", L.UpSampling2D((2, 3), interpolation="bilinear"), ["in_0"])])
c("UpSampling2D.bilinear_channels_first", "UpSampling2D bilinear channels_first", [(2, 3, 3)], [("u", L.UpSampling2D(2, data_format="channels_first", interpolation="bilinear"), ["in_0"])])
c("UpSampling2D.nearest_channels_first", "UpSampling2D nearest channels_first (3,1)", [(2, 3, 2)], [("u", L.UpSampling2D((3, 1), data_format="channels_first"), ["in_0"])])
c("UpSampling1D.size3", "UpSampling1D size 3", [(4, 2)], [("u", L.UpSampling1D(3), ["in_0"])])
c("UpSampling3D.channels_first", "UpSampling3D channels_first (1,2,3)", [(2, 2, 2, 2)], [("u", L.UpSampling3D((1, 2, 3), data_format="channels_first"), ["in_0"])])
c("Cropping1D.asym", "Cropping1D (0, 2)", [(6, 3)], [("k", L.Cropping1D((0, 2)), ["in_0"])])
c("Cropping2D.channels_first", "Cropping2D channels_first ((1,0),(2,1))", [(2, 5, 6)], [("k", L.Cropping2D(((1, 0), (2, 1)), data_format="channels_first"), ["in_0"])])
c("Cropping3D.channels_first", "Cropping3D channels_first", [(2, 4, 5, 6)], [("k", L.Cropping3D(((1, 1), (0, 2), (3, 0)), data_format="channels_first"), ["in_0"])])
c("ZeroPadding1D.asym", "ZeroPadding1D (2, 0)", [(3, 2)], [("z", L.ZeroPadding1D((2, 0)), ["in_0"])])
c("ZeroPadding2D.channels_first", "ZeroPadding2D channels_first ((0,1),(2,0))", [(2, 3, 3)], [("z", L.ZeroPadding2D(((0, 1), (2, 0)), data_format="channels_first"), ["in_0"])])
c("ZeroPadding3D.channels_first", "ZeroPadding3D channels_first", [(2, 2, 3, 2)], [("z", L.ZeroPadding3D(((1, 0), (0, 1), (1, 1)), data_format="channels_first"), ["in_0"])])

w.write(os.path.dirname(os.path.abspath(__file__)))
