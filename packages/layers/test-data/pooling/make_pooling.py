"""Keras 3 references for pooling options the Keras 2.1.2 fixtures lack (channels_first 1D, keepdims, batch of 2).

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/pooling/make_pooling.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conv"))
from refgen import RefWriter, keras  # noqa: E402

L = keras.layers
w = RefWriter("pooling")
c = w.case

c("MaxPooling1D.channels_first_same", "MaxPooling1D channels_first same pool 3 stride 2", [(2, 7)], [("p", L.MaxPooling1D(3, strides=2, padding="same", data_format="channels_first"), ["in_0"])])
c("AveragePooling1D.same_s2", "AveragePooling1D same pool 3 stride 2", [(7, 2)], [("p", L.AveragePooling1D(3, strides=2, padding="same"), ["in_0"])])
c("MaxPooling2D.channels_first_same", "MaxPooling2D channels_first same (2,3) stride (2,1)", [(2, 5, 5)], [("p", L.MaxPooling2D((2, 3), strides=(2, 1), padding="same", data_format="channels_first"), ["in_0"])])
c("AveragePooling2D.same_s2", "AveragePooling2D same 3 stride 2", [(5, 6, 2)], [("p", L.AveragePooling2D(3, strides=2, padding="same"), ["in_0"])])
c("MaxPooling3D.same_overlap", "MaxPooling3D same pool 3 stride (1,2,1)", [(4, 5, 3, 2)], [("p", L.MaxPooling3D(3, strides=(1, 2, 1), padding="same"), ["in_0"])])
c("MaxPooling3D.channels_first", "MaxPooling3D channels_first valid pool 2 stride 1", [(2, 3, 4, 3)], [("p", L.MaxPooling3D(2, strides=1, data_format="channels_first"), ["in_0"])])
c("AveragePooling3D.same_overlap", "AveragePooling3D same pool 3 stride (1,2,1)", [(4, 5, 3, 2)], [("p", L.AveragePooling3D(3, strides=(1, 2, 1), padding="same"), ["in_0"])])
c("AveragePooling3D.channels_first", "AveragePooling3D channels_first same pool 2", [(2, 3, 4, 3)], [("p", L.AveragePooling3D(2, padding="same", data_format="channels_first"), ["in_0"])])
c("GlobalAveragePooling1D.keepdims_cf", "GlobalAveragePooling1D channels_first keepdims", [(3, 5)], [("p", L.GlobalAveragePooling1D(data_format="channels_first", keepdims=True), ["in_0"])])
c("GlobalMaxPooling1D.keepdims", "GlobalMaxPooling1D keepdims", [(5, 3)], [("p", L.GlobalMaxPooling1D(keepdims=True), ["in_0"])])
c("GlobalAveragePooling2D.keepdims", "GlobalAveragePooling2D keepdims", [(4, 3, 2)], [("p", L.GlobalAveragePooling2D(keepdims=True), ["in_0"])])
c("GlobalMaxPooling2D.keepdims_cf", "GlobalMaxPooling2D channels_first keepdims", [(2, 4, 3)], [("p", L.GlobalMaxPooling2D(data_format="channels_first", keepdims=True), ["in_0"])])
c("GlobalAveragePooling3D.keepdims_cf", "GlobalAveragePooling3D channels_first keepdims", [(2, 3, 2, 3)], [("p", L.GlobalAveragePooling3D(data_format="channels_first", keepdims=True), ["in_0"])])
c("GlobalMaxPooling3D.keepdims", "GlobalMaxPooling3D keepdims", [(3, 2, 3, 2)], [("p", L.GlobalMaxPooling3D(keepdims=True), ["in_0"])])

w.write(os.path.dirname(os.path.abspath(__file__)))
